"""Django settings for Cadre. Everything deployment-specific comes from the environment."""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cadre.config import (
    BASE_DIR,
    env_bool,
    env_int,
    secret_from_env_or_file,
    var_dir,
)

DEBUG = env_bool("CADRE_DEBUG", False)
DEMO = env_bool("CADRE_DEMO", False)
SECRET_KEY = secret_from_env_or_file("CADRE_SECRET_KEY", "secret.key", 32)
# SM4 key (128 bits) for secret fields; HMAC-SM3 key for their blind index.
DATA_KEY = secret_from_env_or_file("CADRE_DATA_KEY", "data.key", 16)
INDEX_KEY = secret_from_env_or_file("CADRE_INDEX_KEY", "index.key", 32)

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CADRE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CADRE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "cadre.core",
    "cadre.accounts",
    "cadre.org",
    "cadre.people",
    "cadre.posts",
    "cadre.interchange",
    "cadre.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cadre.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cadre.urls"
WSGI_APPLICATION = "cadre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadre.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{var_dir() / 'cadre.sqlite3'}"),
        conn_max_age=env_int("CADRE_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Test databases are created UTF-8 whatever the cluster's default template says.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "cadre.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("CADRE_PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "cadre.accounts.validators.CharacterClassValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Login security (等保三级): lockout and idle timeout, both configurable.
AXES_FAILURE_LIMIT = env_int("CADRE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("CADRE_LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
# Lock the account, not the address: offices share one NAT address, and locking it would
# lock out a whole building after one person's typos.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cadre.accounts.views.lockout_response"
AXES_VERBOSE = False
SESSION_IDLE_TIMEOUT_SECONDS = env_int("CADRE_SESSION_IDLE_MINUTES", 30) * 60
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("CADRE_SECURE_COOKIES", not DEBUG and not DEMO)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = var_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = var_dir() / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

ROSTER_PAGE_SIZE = env_int("CADRE_ROSTER_PAGE_SIZE", 50)
# The roster counts matches up to this many; beyond it, "超过 N 人" (see people.paging).
ROSTER_COUNT_CAP = env_int("CADRE_ROSTER_COUNT_CAP", 10000)
AUDIT_RETENTION_DAYS = env_int("CADRE_AUDIT_RETENTION_DAYS", 365)

# Background work (roster imports, warning scans, the structure summary) runs as tasks kept in
# the database and executed by `cadre db_worker` (started by `cadre demo`). CADRE_TASK_BACKEND=
# immediate runs each task inside the request instead (tests, a single-user laptop).
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("CADRE_TASK_BACKEND", "db")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"CADRE_TASK_BACKEND 只能是 {'、'.join(_TASK_BACKENDS)}")
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[_task_backend],
        "QUEUES": ["default"],
    }
}
# The warnings scan runs its jobs side by side on PostgreSQL, each on its own connection.
CADRE_SCAN_WORKERS = env_int("CADRE_SCAN_WORKERS", 2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CADRE_LOG_LEVEL", "WARNING")},
}
