from rest_framework.permissions import SAFE_METHODS, BasePermission

EDITORS_GROUP = "Editors"


def is_editor(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_staff or user.groups.filter(name=EDITORS_GROUP).exists())
    )


class EditorOrReadOnly(BasePermission):
    """Anyone reads; writes need an authenticated member of the Editors group (or staff)."""

    message = "Only editors (the Editors group, or staff) can submit or retry articles."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_editor(request.user)
