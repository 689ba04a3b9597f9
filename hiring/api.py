"""The base of every practice API view: the member and their role come from
PracticeMiddleware, as for the staff pages; the permission table is the same one."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from hiring.models import Membership
from hiring.roles import Perm


class PracticeAPIView(APIView):
    """Set `required_perm` (and `write_perm` for unsafe methods when it differs)."""

    required_perm: Perm = Perm.VIEW_JOBS
    write_perm: Perm | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        needed = self.required_perm
        if request.method not in ("GET", "HEAD", "OPTIONS") and self.write_perm:
            needed = self.write_perm
        if not request.membership.can(needed):
            raise PermissionDenied("Your role in this practice does not allow this.")


class ApiRootView(APIView):
    """What the API offers: the practices of the signed-in user, with their entry points."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        practices = [{"slug": m.practice.slug, "name": m.practice.name, "role": m.role,
                      "my_interviews": reverse("api-interviews:my-interviews",
                                               kwargs={"practice": m.practice.slug},
                                               request=request)}
                     for m in Membership.objects.with_scopes_disabled()
                     .filter(user=request.user, practice__is_active=True)
                     .select_related("practice")]
        return Response({"practices": practices,
                         "schema": reverse("api-schema", request=request),
                         "docs": reverse("api-docs", request=request)})
