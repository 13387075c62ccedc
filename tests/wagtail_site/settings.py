"""Django settings for the test Wagtail site (a fresh SQLite database in a temporary folder)."""

import os
import sys
import tempfile

DATA_DIR = tempfile.mkdtemp(prefix="copyedit-wagtail-")

# The test app's migrations are made by the test (makemigrations) into a package in DATA_DIR.
os.makedirs(os.path.join(DATA_DIR, "wagtail_site_migrations"))
open(os.path.join(DATA_DIR, "wagtail_site_migrations", "__init__.py"), "w").close()
sys.path.insert(0, DATA_DIR)
MIGRATION_MODULES = {"wagtail_site": "wagtail_site_migrations"}

SECRET_KEY = "copyedit-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]
INSTALLED_APPS = [
    "tests.wagtail_site",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.wagtail_site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(DATA_DIR, "db.sqlite3")}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = os.path.join(DATA_DIR, "media")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
WAGTAIL_SITE_NAME = "copyedit test site"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
COPYEDIT_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "copyedit.toml")  # a house configuration
# Localisation, for the bilingual checks of translated pages: English pages are translated from Russian ones.
WAGTAIL_I18N_ENABLED = True
LANGUAGE_CODE = "en"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [("en", "English"), ("ru", "Russian")]
COPYEDIT_SOURCE_LOCALE = "ru"
