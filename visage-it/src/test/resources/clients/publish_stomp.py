"""Publishes one ingest message with Debian's python3-stomp, as a crawler would.

usage: publish_stomp.py HOST PORT USER PASSWORD QUEUE  (the JSON message on stdin)
stomp.py adds content-length, so Artemis delivers a BytesMessage (the listener reads it as UTF-8).
"""
import sys

import stomp

host, port, user, password, queue = sys.argv[1:6]
body = sys.stdin.read()
conn = stomp.Connection([(host, int(port))])
conn.connect(user, password, wait=True)
# receipt: returns only after the broker has taken the message.
listener = stomp.listener.WaitingListener("sent")
conn.set_listener("receipt", listener)
conn.send(destination=queue, body=body, content_type="application/json", headers={"receipt": "sent"})
listener.wait_on_receipt()
conn.disconnect()
