from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def home_view(request: HttpRequest) -> HttpResponse:
    """The product's front door: logged-in people go straight to work."""
    if request.user.is_authenticated:
        return redirect("app-home")
    return render(request, "home.html")
