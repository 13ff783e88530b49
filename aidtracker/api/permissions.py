from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

EDITORS = "Editors"


def is_editor(user: Any) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


class IsEditorOrReadOnly(BasePermission):
    """Anyone reads; writes need a user of the Editors group (or a superuser)."""

    message = "Only editors can change the data."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method not in view.allowed_methods:
            return True  # let the view answer 405 Method Not Allowed
        return request.method in SAFE_METHODS or is_editor(request.user)
