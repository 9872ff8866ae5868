"""Account e-mails, sent by the worker so that a slow or failing mail server never turns a
saved change into an error page. Tasks take a user id and a kind — never an address or a name."""

from celery import shared_task
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User

TEMPLATES = {
    "welcome": ("accounts/email/welcome_subject.txt", "accounts/email/welcome_body.txt"),
    "reset": (
        "accounts/email/password_reset_subject.txt",
        "accounts/email/password_reset_body.txt",
    ),
}


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 5}
)
def send_password_email(user_pk: int, kind: str, base_url: str) -> bool:
    """Send the welcome (first password) or reset e-mail with a fresh single-use link.
    Returns False when the account is gone, inactive or has no address."""
    user = User.objects.filter(pk=user_pk, is_active=True).exclude(email="").first()
    if user is None:
        return False
    protocol, _separator, domain = base_url.partition("://")
    context = {
        "protocol": protocol,
        "domain": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "username": user.get_username(),
    }
    subject_template, body_template = TEMPLATES[kind]
    subject = "".join(render_to_string(subject_template, context).splitlines())
    send_mail(subject, render_to_string(body_template, context), None, [user.email])
    return True
