"""The API's JSON parser: a body nested deeper than Python's recursion limit is a 400
`parse_error`, not a RecursionError (a 500)."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type=media_type, parser_context=parser_context)
        except RecursionError:
            raise ParseError(_("JSON lồng nhau quá sâu.")) from None
