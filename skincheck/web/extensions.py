"""The two request-level extensions the views and the API decorate with: CSRF
protection and rate limiting. Made here, bound to the app by skincheck.web.app's
factory, so the views and the API import them from below instead of from the factory
that imports them (the loop app -> views -> app).
"""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(get_remote_address)
