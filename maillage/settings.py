"""Maillage settings: one file, read from the environment.

SQLite in the project folder unless DATABASE_URL says otherwise. Secrets come from
the environment or from files (created on first use in development).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MAILLAGE_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name: str) -> str:
    """A secret from the environment, else from a file in VAR_DIR made on first use."""
    if os.environ.get(name):
        return os.environ[name]
    path = VAR_DIR / name.lower()
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("MAILLAGE_DEBUG", False)
SECRET_KEY = envsecret("MAILLAGE_SECRET_KEY")
# The key of the audit hash chain; kept outside the database on purpose.
AUDIT_KEY = envsecret("MAILLAGE_AUDIT_KEY")
ALLOWED_HOSTS = envlist("MAILLAGE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("MAILLAGE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_q",
    "maillage.jobs",
    "maillage.audit",
    "maillage.guard",
    "maillage.accounts",
    "maillage.notifications",
    "maillage.territory",
    "maillage.people",
    "maillage.programmes",
    "maillage.intake",
    "maillage.cases",
    "maillage.network",
    "maillage.consent",
    "maillage.assessments",
    "maillage.plans",
    "maillage.conferences",
    "maillage.casefile",
    "maillage.agenda",
    "maillage.search",
    "maillage.space",
    "maillage.records",
    "maillage.directory",
    "maillage.orientation",
    "maillage.partners",
    "maillage.public",
    "maillage.screening",
    "maillage.api",
    "maillage.ui",
    "maillage.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maillage.audit.middleware.ClientAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "maillage.accounts.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "maillage.ui.middleware.LineBreaksMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "maillage.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "maillage.accounts.middleware.TwoFactorMiddleware",
    "maillage.accounts.middleware.AccountKindMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "maillage.ui.context_processors.navigation",
                "maillage.notifications.context_processors.inbox",
            ],
        },
    },
]
# Widgets drawn in Python, with the markup of Django's templates (maillage/ui/renderer.py).
FORM_RENDERER = "maillage.ui.renderer.FormRenderer"

# Database: DATABASE_URL (sqlite:///path or postgres://…), SQLite in the project by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'maillage.sqlite3'}"),
        conn_max_age=envint("MAILLAGE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = envint("MAILLAGE_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Sessions expire after 30 minutes without activity, and when the browser closes. They
# are saved only when they change: SessionActivityMiddleware refreshes an active one
# every few minutes (maillage/accounts/middleware.py), not on every page view.
SESSION_ENGINE = "maillage.accounts.sessions"
SESSION_COOKIE_AGE = envint("MAILLAGE_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# HTTPS: on in production (behind a TLS-terminating proxy), off in development.
HTTPS = envbool("MAILLAGE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "MAILLAGE_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("MAILLAGE_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("MAILLAGE_EMAIL_PORT", 25)
EMAIL_TIMEOUT = envint("MAILLAGE_EMAIL_TIMEOUT", 20)  # seconds; a worker waits, never a user
DEFAULT_FROM_EMAIL = os.environ.get("MAILLAGE_FROM_EMAIL", "maillage@localhost")
# The public address of this Maillage, for links in emails (answer links…).
SITE_URL = os.environ.get("MAILLAGE_SITE_URL", "http://127.0.0.1:8000")

# Background jobs (maillage.jobs, django-q2): the queue lives in the database itself.
# `manage.py worker` runs a worker; MAILLAGE_JOBS_SYNC=1 runs each job at once instead.
Q_CLUSTER = {
    "name": "maillage",
    "orm": "default",
    "workers": envint("MAILLAGE_WORKER_PROCESSES", 2),
    "timeout": 300,  # seconds a job may run
    "retry": 600,  # a job whose worker died is handed out again after this many seconds
    "max_attempts": 5,
    "catch_up": False,  # a worker that was down runs a missed periodic job once, not each
    "poll": 1,  # seconds between looks at an empty queue
    "save_limit": 500,  # successful jobs kept for the administrator; failures are all kept
    "ack_failures": True,
    "sync": envbool("MAILLAGE_JOBS_SYNC", False),
    "label": _("Task queue"),  # the admin's name for django-q2's tables
}

# Roles that must use two-factor authentication (TOTP).
TWO_FACTOR_REQUIRED_ROLES = envlist("MAILLAGE_2FA_ROLES", "administrator,team_lead")
OTP_TOTP_ISSUER = "Maillage"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # administrators never see a TOTP key

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MAILLAGE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # not a line per PDF page
        "fontTools": {"level": "WARNING"},
    },
}

# Directory of services: searchable without an account when published (off by default).
DIRECTORY_PUBLIC = envbool("MAILLAGE_DIRECTORY_PUBLIC", False)
# Orientation: remind the receiving service after this many days without an answer.
REFERRAL_REMINDER_DAYS = envint("MAILLAGE_REFERRAL_REMINDER_DAYS", 7)
# A referral's answer link stays valid this many days.
REFERRAL_LINK_DAYS = envint("MAILLAGE_REFERRAL_LINK_DAYS", 30)
# After this many unanswered reminders, a referral is marked "no response".
REFERRAL_MAX_REMINDERS = envint("MAILLAGE_REFERRAL_MAX_REMINDERS", 3)
# A service's information verified this many months ago or more is flagged as stale.
DIRECTORY_STALE_MONTHS = envint("MAILLAGE_DIRECTORY_STALE_MONTHS", 12)

# Closed cases are erased (anonymised) this many days after closing (docs/erasure.md).
MAILLAGE_RETENTION_DAYS = envint("MAILLAGE_RETENTION_DAYS", 3650)

# The person's own space: invitations (link or printed code) expire after this many days;
# a team lead's read with a stated purpose (break the glass) lasts this many hours.
SPACE_INVITATION_DAYS = envint("MAILLAGE_SPACE_INVITATION_DAYS", 14)
BREAK_GLASS_HOURS = envint("MAILLAGE_BREAK_GLASS_HOURS", 8)

# Partner professionals: an invitation link to activate an account expires after this many days.
MAILLAGE_PARTNER_INVITATION_DAYS = envint("MAILLAGE_PARTNER_INVITATION_DAYS", 7)

# The public pages (a request form and a signal, without an account; maillage/guard):
# each submission solves an ALTCHA proof of work of this cost (SHA-256 iterations per
# attempt; about 256 attempts on average), and at most so many are accepted per client
# address and overall in an hour (later ones get 429; earlier ones are kept).
PUBLIC_ALTCHA_COST = envint("MAILLAGE_PUBLIC_ALTCHA_COST", 200)
PUBLIC_LIMIT_PER_ADDRESS = envint("MAILLAGE_PUBLIC_LIMIT_PER_ADDRESS", 10)
PUBLIC_LIMIT_OVERALL = envint("MAILLAGE_PUBLIC_LIMIT_OVERALL", 600)
