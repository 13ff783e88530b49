"""gunicorn settings, read from the working directory by `gunicorn aidtracker.wsgi`.

Threaded workers keep HTTP connections open between requests (sync workers close every
connection), which spares API clients a TCP handshake per request; they take new
connections by least connections (aidtracker.balanced_worker), so that kept-alive
connections do not pile up on one worker. WEB_CONCURRENCY sets the number of worker
processes (two by default), GUNICORN_THREADS the threads of each.
"""

import os

wsgi_app = "aidtracker.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "aidtracker.balanced_worker.BalancedThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = 5
