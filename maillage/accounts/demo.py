"""The demo accounts' second factor, shared by every app that seeds a demo account."""

import base64

# Base32 secret of the demo TOTP devices (admin, lead, partner): type it into any
# authenticator app. Public on purpose: demo databases only.
DEMO_TOTP_SECRET = "MAILLAGEDEMOTOTPSECRETFORDEMOS23"


def totp_key_hex() -> str:
    """The demo TOTP secret as django-otp stores it (hex of the raw key)."""
    return base64.b32decode(DEMO_TOTP_SECRET).hex()
