"""`flask --app app users add|list|set-role|set-password|disable`."""
from __future__ import annotations

import sys

import click
from flask import current_app

from data import users
from data.cli import _engine
from data.permissions import ROLES


@click.group("users")
def users_command():
    """Manage who may sign in."""


def _settings():
    _engine()  # the users table exists
    return current_app.config["SETTINGS"]


def _fail(error: users.UserError):
    click.echo(f"Error: {error}", err=True)
    sys.exit(1)


@users_command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.password_option(help="At least 12 characters (asked for if not given).")
def add_user(name, role, password):
    try:
        user = users.add(_settings(), name, password, role)
    except users.UserError as error:
        _fail(error)
    click.echo(f"Added {user.name} ({user.role}).")


@users_command.command("list")
def list_users():
    for user in users.listing(_settings()):
        click.echo(f"{user.name}\t{user.role}\t{'disabled' if user.disabled else 'active'}")


@users_command.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
def set_role(name, role):
    try:
        users.set_role(_settings(), name, role)
    except users.UserError as error:
        _fail(error)
    click.echo(f"{name} is now {role} and is signed out everywhere.")


@users_command.command("set-password")
@click.argument("name")
@click.password_option(help=f"At least {users.SHORTEST_PASSWORD} characters (asked for if not given).")
def set_password(name, password):
    """Give a user a new password; their sessions end."""
    try:
        users.set_password(_settings(), name, password)
    except users.UserError as error:
        _fail(error)
    click.echo(f"{name} has a new password and is signed out everywhere.")


@users_command.command("disable")
@click.argument("name")
def disable_user(name):
    try:
        users.disable(_settings(), name)
    except users.UserError as error:
        _fail(error)
    click.echo(f"{name} can no longer sign in and is signed out everywhere.")


def ensure_demo_accounts(settings) -> list[tuple[str, str, str]]:
    """One demo account per role, if demo accounts are on and nobody has an account yet."""
    from callbacks.auth import DEMO_PASSWORDS
    if not settings.demo_accounts or users.listing(settings):
        return []
    created = []
    for role in ROLES:
        users.add(settings, f"demo-{role}", DEMO_PASSWORDS[role], role)
        created.append((f"demo-{role}", role, DEMO_PASSWORDS[role]))
    return created
