"""A real SMTP server for the tests (aiosmtpd): stores each accepted message as JSON in a directory.

Usage: smtp_sink.py DIR [--hold-after N]. Prints its port on the first line of stdout, then serves until
killed. Each accepted message becomes DIR/<n>.json with the envelope, the headers the tests read and the
decoded text body (the raw message is kept in DIR/<n>.eml). While DIR/reject exists, every recipient is
refused with a transient 451. With --hold-after N, the DATA after the Nth stored message is held without an
answer (DIR/holding exists meanwhile) until its client goes away; like any SMTP server that has not yet
answered, it then keeps nothing. Later messages are accepted at once.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory, hold_after):
        self.dir = directory
        self.hold_after = hold_after
        self.stored = itertools.count(1)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if os.path.exists(os.path.join(self.dir, "reject")):
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and self.count == self.hold_after:
            self.hold_after = None
            marker = os.path.join(self.dir, "holding")
            open(marker, "w").close()
            try:
                # Cancelled by aiosmtpd when the client's connection is lost.
                await asyncio.Event().wait()
            finally:
                os.remove(marker)
        self.count += 1
        n = next(self.stored)
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "body": msg.get_body(preferencelist=("plain",)).get_content(),
        }
        base = os.path.join(self.dir, f"{n:06d}")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.content)
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(base + ".json.tmp", base + ".json")
        return "250 2.0.0 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--hold-after", type=int)
    args = parser.parse_args()
    sink = Sink(args.dir, args.hold_after)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test", decode_data=False), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
