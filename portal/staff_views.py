"""The staff area shell: login, logout and the workbench composed of the apps' sections."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal import workbench as workbench_sections


class StaffLoginView(LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True


@require_POST
def staff_logout(request):
    logout(request)
    return redirect("portal:home")


@login_required
def workbench(request):
    return render(request, "staff/workbench.html", {"sections": workbench_sections.sections_for(request.user)})
