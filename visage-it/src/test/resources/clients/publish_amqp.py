"""Publishes one ingest message with Debian's python3-qpid-proton (AMQP 1.0), as a crawler would.

usage: publish_amqp.py HOST PORT USER PASSWORD QUEUE  (the JSON message on stdin)
A str body is an AMQP value section, which Artemis delivers as a TextMessage.
"""
import sys

from proton import Message
from proton.utils import BlockingConnection

host, port, user, password, queue = sys.argv[1:6]
body = sys.stdin.read()
conn = BlockingConnection("amqp://%s:%s" % (host, port), user=user, password=password, timeout=30)
# send() blocks until the broker settles (accepts) the message.
conn.create_sender(queue).send(Message(body=body, content_type="application/json", durable=True))
conn.close()
