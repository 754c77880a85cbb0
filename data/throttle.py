"""Throttling of wrong sign-ins, in place of a lockout that anyone could impose on anyone.

A failure is counted against the name tried and the address it came from. A name may be tried
wrongly PER_NAME times from one address, and an address may fail PER_ADDRESS times over all
names, within WINDOW; past that, attempts from that address are refused unchecked until the
window has moved on. Another address is never affected, so a stranger's wrong passwords cannot
keep the real user out. A throttled attempt is answered exactly as a wrong password (same
message, same time: data/users.py still checks a hash), so throttling tells nothing either."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, case, delete, func, insert, select

from data.schema import sign_in_failures

WINDOW = timedelta(minutes=15)
PER_NAME = 5
PER_ADDRESS = 50
ADDRESS_LENGTH = 64


def throttled(connection: Connection, name: str, address: str) -> bool:
    address = address[:ADDRESS_LENGTH]
    same_name = func.coalesce(func.sum(case((sign_in_failures.c.name == name, 1), else_=0)), 0)
    query = select(same_name, func.count()).where(sign_in_failures.c.address == address,
                                                  sign_in_failures.c.at > datetime.now() - WINDOW)
    by_name, by_address = connection.execute(query).one()
    return by_name >= PER_NAME or by_address >= PER_ADDRESS


def record_failure(connection: Connection, name: str, address: str) -> None:
    """Count a wrong sign-in, and forget those older than the window."""
    now = datetime.now()
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.at <= now - WINDOW))
    connection.execute(insert(sign_in_failures).values(at=now, name=name, address=address[:ADDRESS_LENGTH]))
