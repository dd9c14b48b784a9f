"""gunicorn settings of the Docker image and docker-compose.yml (`gunicorn -c gunicorn.conf.py …`).

Logging goes through enbek.logging's scrubbing filter: the access log's request lines carry query
strings, where an IIN, a phone number or an e-mail may be. No `accesslog` here on purpose: gunicorn
would add its own unfiltered handler; logconfig_dict alone turns the access log on, filtered.
"""

import os

from enbek.logging import GUNICORN_LOGCONFIG

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
logconfig_dict = GUNICORN_LOGCONFIG
# Request line, status, size, time: never the headers or cookies.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# The values survey is anonymous: its paths are access-logged without IP address, user agent or referer.
logger_class = "surveys.log_privacy.SurveyPrivateLogger"
