"""The base of the per-freelancer API views (CONTRACT §7): who may call, and list pages."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.pagination import ResultsPagination

from .permissions import IsServiceOrSignedIn, ensure_account_access


class FreelancerApi(APIView):
    """Base for /freelancers/{account_id}/…: the service, staff, or that freelancer only."""

    permission_classes = [IsServiceOrSignedIn]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        ensure_account_access(request, kwargs["account_id"])

    def paginate(self, request: Request, queryset: Any, serializer: type) -> Response:
        paginator = ResultsPagination()
        page: list[Any] | None = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(serializer(page, many=True).data)
