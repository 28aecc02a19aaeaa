"""Accounts in the window (issue 14): the first run, logging in, the 账户 menu, the account manager, and
what the logged-in account's roles allow.  Everything goes through
:class:`~eligibility_desk.services.accounts.AccountService`; the services check roles again."""
