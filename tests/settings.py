"""Settings for the test suite: the real settings, with a test key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "aidtracker-tests-key-not-a-secret")

from aidtracker.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
# The feed's settle window would hide what a test has just written; the tests of the
# frontier itself use real concurrent transactions instead.
CHANGES_SETTLE_SECONDS = 0
