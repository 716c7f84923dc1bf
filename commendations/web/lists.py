"""Pagination of the list pages, with the overdue flags of the page's nominations."""

from django.core.paginator import Paginator
from django.http import HttpRequest

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
