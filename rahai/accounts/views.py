from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from rahai.accounts import services
from rahai.audit.services import client_ip


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.sign_in_recorded(user=form.get_user(), ip_address=client_ip(self.request))
        return response

    def form_invalid(self, form):
        services.sign_in_failed_recorded(
            username=self.request.POST.get("username", ""), ip_address=client_ip(self.request)
        )
        return super().form_invalid(form)


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.sign_out_recorded(user=request.user, ip_address=client_ip(request))
    logout(request)
    return redirect("accounts:login")
