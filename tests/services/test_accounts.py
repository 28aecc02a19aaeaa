"""Accounts (issue 14), on SQLite and PostgreSQL: the first admin and the login mode, signing in, lockout,
password changes, roles, and what is (never) stored or audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from eligibility_desk.domain.roles import Actor, Role, mask_id_number, parse_roles, role_label, sees_id_numbers
from eligibility_desk.persistence.account_models import AccountRow
from eligibility_desk.persistence.models import AuditRow, utcnow
from eligibility_desk.persistence.opening import open_database
from eligibility_desk.services import accounts as accounts_module
from eligibility_desk.services.accounts import (
    LOCKOUT_FAILURES, LOCKOUT_MINUTES, AccountError, AccountService, AuthenticationFailed, PermissionDenied, require,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def service(db_url):
    db = open_database(db_url)
    yield AccountService(db)
    db.close()


@pytest.fixture
def admin(service):
    return service.create_first_admin("wangmin", "王敏", PASSWORD, os_login=False)


# --- domain -------------------------------------------------------------------------------------------------

def test_roles_labels_masking_and_who_sees_id_numbers():
    assert [role_label(r) for r in Role] == ["管理员", "审核员", "复核人", "考务", "录分员", "查看"]
    assert role_label("supervisor", "en") == "Supervisor"
    assert parse_roles("clerk, 复核人，viewer") == {Role.CLERK, Role.SUPERVISOR, Role.VIEWER}
    with pytest.raises(ValueError, match="boss"):
        parse_roles("clerk,boss")
    assert mask_id_number("110105199001011234") == "110105********1234"
    assert mask_id_number("1101051990") == "**********" and mask_id_number("") == "" and mask_id_number(None) == ""
    assert mask_id_number("11010519900101123") == "110105*******1123"
    who = {roles: sees_id_numbers(Actor("a", "a", parse_roles(roles))) for roles in
           ("viewer", "planner", "viewer,planner", "", "clerk", "planner,recorder", "admin")}
    assert who == {"viewer": False, "planner": False, "viewer,planner": False, "": False, "clerk": True,
                   "planner,recorder": True, "admin": True}
    assert not sees_id_numbers(None)


def test_require_names_the_missing_role_in_chinese():
    alice = Actor("alice", "Alice", frozenset({Role.CLERK}))
    assert require(alice, Role.CLERK, Role.SUPERVISOR) is alice
    with pytest.raises(PermissionDenied) as caught:
        require(alice, Role.SUPERVISOR)
    assert str(caught.value) == "此操作需要“复核人”角色，当前账户 alice 没有"
    with pytest.raises(PermissionDenied) as caught:
        require(alice, Role.PLANNER, Role.ADMIN, action="设置批次考点")
    assert str(caught.value) == "此操作（设置批次考点）需要“考务”或“管理员”角色，当前账户 alice 没有"
    with pytest.raises(PermissionDenied, match="尚未登录"):
        require(None, Role.VIEWER, action="查看")


# --- first run, signing in ------------------------------------------------------------------------------------

def test_first_admin_records_the_login_mode_once(service, db_url):
    assert not service.has_accounts() and service.login_mode() == "password"
    with pytest.raises(AuthenticationFailed) as caught:
        service.authenticate("wangmin", PASSWORD)
    assert caught.value.code == "no_accounts"
    with pytest.raises(AccountError, match="至少需要 8 个字符"):
        service.create_first_admin("wangmin", "王敏", "short", os_login=False)
    admin = service.create_first_admin("wangmin", "王敏", PASSWORD, os_login=False, roles=("clerk",))
    assert admin.roles == {Role.ADMIN, Role.CLERK} and admin.display_name == "王敏"
    assert service.has_accounts() and service.login_mode() == "password"
    with pytest.raises(AccountError) as caught:
        service.create_first_admin("other", "", None, os_login=True)
    assert caught.value.code == "already_set_up" and service.login_mode() == "password"
    with pytest.raises(AuthenticationFailed, match="不能以这种方式登录"):
        service.os_account("wangmin")


def test_the_password_is_stored_only_as_an_argon2id_hash_and_never_audited(service, admin):
    service.add_account(admin, "lisi", "李四", {Role.RECORDER}, "li si's own passphrase")
    service.change_password(admin, "lisi", None, "a reset passphrase")
    with service.db.reading() as session:
        hashes = [r.password_hash for r in session.scalars(select(AccountRow))]
        audit_text = " ".join(str((a.before, a.after)) for a in session.scalars(select(AuditRow)))
    assert all(h.startswith("$argon2id$") for h in hashes)
    for secret in (PASSWORD, "li si's own passphrase", "a reset passphrase"):
        assert secret not in audit_text and not any(secret in h for h in hashes)
    assert "$argon2" not in audit_text


def test_wrong_password_and_unknown_name_get_the_same_message_then_lockout(service, admin):
    service.add_account(admin, "alice", "Alice", {Role.CLERK}, "alice's passphrase")
    with pytest.raises(AuthenticationFailed) as unknown:
        service.authenticate("nobody", "alice's passphrase")
    with pytest.raises(AuthenticationFailed) as wrong:
        service.authenticate("alice", "guess")
    assert str(unknown.value) == str(wrong.value) == "账户名或密码不正确"
    for _ in range(LOCKOUT_FAILURES - 2):
        with pytest.raises(AuthenticationFailed):
            service.authenticate("alice", "guess")
    with pytest.raises(AuthenticationFailed) as caught:       # the fifth wrong one locks
        service.authenticate("alice", "guess")
    assert caught.value.code == "locked" and f"约 {LOCKOUT_MINUTES} 分钟" in str(caught.value)
    with pytest.raises(AuthenticationFailed) as caught:       # now even the right password is refused
        service.authenticate("alice", "alice's passphrase")
    assert caught.value.code == "locked" and "已被锁定" in str(caught.value)
    [info] = [i for i in service.list_accounts(admin) if i.name == "alice"]
    assert info.locked_until is not None and info.failed_attempts == LOCKOUT_FAILURES
    with service.db.reading() as session:
        lockouts = session.scalars(select(AuditRow).where(AuditRow.action == "lockout")).all()
    assert [(a.user, a.after["failures"]) for a in lockouts] == [("alice", LOCKOUT_FAILURES)]
    with service.db.writing() as session:                     # the quarter hour passes
        session.execute(update(AccountRow).where(AccountRow.name == "alice")
                        .values(locked_until=utcnow() - timedelta(seconds=1)))
    assert service.authenticate("alice", "alice's passphrase").name == "alice"
    [info] = [i for i in service.list_accounts(admin) if i.name == "alice"]
    assert info.failed_attempts == 0 and info.locked_until is None


def test_an_admin_unlocks_and_a_disabled_account_cannot_sign_in(service, admin):
    clerk = service.add_account(admin, "alice", "Alice", {Role.CLERK}, "alice's passphrase")
    for _ in range(LOCKOUT_FAILURES):
        with pytest.raises(AuthenticationFailed):
            service.authenticate("alice", "guess")
    with pytest.raises(PermissionDenied, match="管理员"):
        service.unlock(clerk, "alice")
    service.unlock(admin, "alice")
    assert service.authenticate("alice", "alice's passphrase") == clerk
    service.set_active(admin, "alice", False)
    with pytest.raises(AuthenticationFailed, match="已停用"):
        service.authenticate("alice", "alice's passphrase")
    with pytest.raises(AuthenticationFailed, match="账户名或密码不正确"):  # a wrong password says no more than that
        service.authenticate("alice", "guess")
    service.set_active(admin, "alice", True)
    assert service.authenticate("alice", "alice's passphrase").name == "alice"


def test_password_changes_own_needs_the_old_one_admin_resets(service, admin):
    clerk = service.add_account(admin, "alice", "Alice", {Role.CLERK}, "alice's passphrase")
    with pytest.raises(AccountError, match="原密码不正确"):
        service.change_password(clerk, "alice", "wrong", "alice's new passphrase")
    service.change_password(clerk, "alice", "alice's passphrase", "alice's new passphrase")
    assert service.authenticate("alice", "alice's new passphrase").name == "alice"
    with pytest.raises(PermissionDenied):
        service.change_password(clerk, "wangmin", None, "taken over by alice")
    service.change_password(admin, "alice", None, "set by the admin")
    assert service.authenticate("alice", "set by the admin").name == "alice"


def test_roles_and_the_last_admin(service, admin):
    service.add_account(admin, "lisi", "李四", {Role.RECORDER}, "li si's passphrase")
    with pytest.raises(AccountError, match="已存在"):
        service.add_account(admin, "lisi", "", {Role.VIEWER}, "another passphrase")
    with pytest.raises(AccountError, match="至少需要一个角色"):
        service.add_account(admin, "zhao", "", (), "another passphrase")
    assert service.set_roles(admin, "lisi", {Role.RECORDER, Role.SUPERVISOR}).roles == {Role.RECORDER, Role.SUPERVISOR}
    assert service.authenticate("lisi", "li si's passphrase").roles == {Role.RECORDER, Role.SUPERVISOR}
    with pytest.raises(PermissionDenied, match="最后一位管理员"):
        service.set_roles(admin, "wangmin", {Role.CLERK})
    with pytest.raises(PermissionDenied, match="最后一位管理员"):
        service.set_active(admin, "wangmin", False)
    service.set_roles(admin, "lisi", {Role.ADMIN})
    service.set_roles(admin, "wangmin", {Role.CLERK})            # another admin exists now
    assert service.actor("wangmin").roles == {Role.CLERK}
    with pytest.raises(PermissionDenied):
        service.list_accounts(service.actor("wangmin"))


def test_an_outdated_hash_is_replaced_at_the_next_good_sign_in(service, admin):
    from argon2 import PasswordHasher, Type

    old = accounts_module.use_hasher(PasswordHasher(time_cost=1, memory_cost=16, parallelism=1, type=Type.ID))
    try:
        with service.db.reading() as session:
            before = session.scalar(select(AccountRow.password_hash).where(AccountRow.name == "wangmin"))
        assert service.authenticate("wangmin", PASSWORD).name == "wangmin"
        with service.db.reading() as session:
            after = session.scalar(select(AccountRow.password_hash).where(AccountRow.name == "wangmin"))
        assert after != before and "m=16," in after and "m=16," not in before
    finally:
        accounts_module.use_hasher(old)
    assert service.authenticate("wangmin", PASSWORD).name == "wangmin"


def test_the_product_parameters_are_rfc_9106s_second_choice():
    saved = accounts_module.use_hasher(None)
    try:
        hasher = accounts_module.hasher()
        assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (3, 64 * 1024, 4)
        assert hasher.hash("x").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    finally:
        accounts_module.use_hasher(saved)


def test_os_mode_the_login_name_is_the_account(service):
    me = service.create_first_admin("desk-pc-user", "前台", None, os_login=True, roles=("clerk",))
    assert service.login_mode() == "os" and me.roles == {Role.ADMIN, Role.CLERK}
    assert service.os_account("desk-pc-user") == me
    with pytest.raises(AuthenticationFailed):
        service.os_account("someone-else")
    with pytest.raises(AuthenticationFailed):                    # no password was set: none signs in
        service.authenticate("desk-pc-user", "")
    added = service.add_account(me, "second", "第二人", {Role.RECORDER}, None)   # os mode: no password needed
    assert service.os_account("second") == added
