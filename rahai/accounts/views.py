from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.accounts import services
from rahai.audit.services import client_ip
from rahai.core import ratelimit


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if ratelimit.is_blocked("sign-in", client_ip(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-ins from here. Try again in 15 minutes."))
            return self.render_to_response(
                self.get_context_data(form=form, throttled=True), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        ratelimit.clear("fail:sign-in", client_ip(self.request))
        response = super().form_valid(form)
        services.sign_in_recorded(user=form.get_user(), ip_address=client_ip(self.request))
        return response

    def form_invalid(self, form):
        ip = client_ip(self.request)
        if ratelimit.record_failure("sign-in", ip) <= ratelimit.MAX_FAILURES:
            services.sign_in_failed_recorded(
                username=self.request.POST.get("username", ""), ip_address=ip
            )
        return super().form_invalid(form)


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.sign_out_recorded(user=request.user, ip_address=client_ip(request))
    logout(request)
    return redirect("accounts:login")
