# gunicorn settings read by docker-compose.yml and the Dockerfile (`--config gunicorn.conf.py`).
# The values survey is anonymous: its paths are access-logged without IP address, user agent or referer.
logger_class = "surveys.log_privacy.SurveyPrivateLogger"
