"""Page-number pagination for every list: ``?page=2&page_size=50`` (at most 100 a page)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 100


class Pagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
        page_size: int = Field(
            min(settings.RAHAI_PAGE_SIZE, MAX_PAGE_SIZE),
            ge=1,
            description=f"Items per page; larger values are cut to {MAX_PAGE_SIZE}.",
        )

    class Output(Schema):
        count: int
        page: int
        page_size: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params: Any):
        page_size = min(pagination.page_size, MAX_PAGE_SIZE)
        offset = (pagination.page - 1) * page_size
        return {
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": page_size,
            "items": queryset[offset : offset + page_size],
        }
