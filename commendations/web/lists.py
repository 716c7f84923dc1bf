"""Pagination of the list pages, with the overdue flags of the page's nominations."""

from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict

from commendations.nominations.deadlines import flag_overdue, with_entered_at

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def paginate_with_deadlines(request: HttpRequest, queryset):
    """A queue's page with each row's step deadline and overdue flag (constant queries)."""
    page = paginate(request, with_entered_at(queryset))
    page.object_list = list(page.object_list)
    flag_overdue(page.object_list)
    return page


# Query parameters that only arrange a list (they filter nothing out).
ARRANGING = ("page", "sort")


def search_state(query: QueryDict) -> dict[str, object]:
    """For a list's empty state: what was searched, the link that clears only the search, and
    whether any other filter narrows the list."""
    rest = query.copy()
    q = rest.pop("q", [""])[-1].strip()
    rest.pop("page", None)
    filtered = any(v for k, vs in rest.lists() if k not in ARRANGING for v in vs)
    return {"q": q, "clear_url": f"?{rest.urlencode()}", "filtered": filtered}
