"""How a site turns the integration on: import it from any app's wagtail_hooks.py."""

import copyedit.integrations.wagtail  # noqa: F401
