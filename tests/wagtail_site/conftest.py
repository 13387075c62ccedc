# The site's modules need configured Django settings, which tests/test_wagtail.py sets up;
# doctest collection must not import them on its own.
collect_ignore = ["models.py", "settings.py", "urls.py", "wagtail_hooks.py"]
