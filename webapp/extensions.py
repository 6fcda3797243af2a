"""Flask extensions, created unbound and initialised by the factory."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
#: Rate limits (sign-in attempts) kept in Redis, so every web process counts together.
limiter = Limiter(key_func=get_remote_address)
