"""Creates, updates and lists payment links through the client openapi-python-client generated
from /v1/openapi.json, and reads a 401 as the error object it is. Prints what it saw as JSON.

Usage: PAYLINK_URL=http://127.0.0.1:8787 PAYLINK_KEY=sk_test_... python links.py
"""

import json
import os

from paylink_client import AuthenticatedClient
from paylink_client.api.default import (
    create_payment_link,
    get_account,
    list_events,
    list_payment_links,
    update_payment_link,
)
from paylink_client.models import (
    Asset,
    Chain,
    CreateLinkRequest,
    ErrorBody,
    ErrorType,
    EventList,
    EventType,
    LinkStatus,
    LinkType,
    PaymentLink,
    PaymentLinkList,
    UpdateLinkRequest,
)

BASE = os.environ["PAYLINK_URL"]
# An undocumented status raises: every answer below must be one the document lists.
client = AuthenticatedClient(base_url=BASE, token=os.environ["PAYLINK_KEY"], raise_on_unexpected_status=True)

created = create_payment_link.sync(
    client=client,
    body=CreateLinkRequest(
        title="Typed tea",
        type_=LinkType.FIXED,
        amount="4.50",
        currency="EUR",
        assets=[Asset.ETH, Asset.USDC],
        chain=Chain.ANVIL,
        description="Hot",
    ),
)
assert isinstance(created, PaymentLink), created

# A merge patch: `title` and `amount` change, `description=None` sends null, which clears.
updated = update_payment_link.sync(
    created.id,
    client=client,
    body=UpdateLinkRequest(title="Typed green tea", amount="5.00", description=None),
)
assert isinstance(updated, PaymentLink), updated

page = list_payment_links.sync(client=client, limit=10)
assert isinstance(page, PaymentLinkList), page

events = list_events.sync(client=client, limit=10)
assert isinstance(events, EventList), events
link_events = [e for e in events.data if isinstance(e.data, PaymentLink) and e.data.id == created.id]

# A key nobody issued: the client returns the documented error body; it does not raise.
stranger = AuthenticatedClient(base_url=BASE, token="sk_test_" + "0" * 48, raise_on_unexpected_status=True)
refused = get_account.sync_detailed(client=stranger)
assert isinstance(refused.parsed, ErrorBody), refused

print(json.dumps({
    "created": {"id": created.id, "type": created.type_.value, "assets": [a.value for a in created.assets],
                "chain": created.chain.value, "description": created.description},
    "updated": {"title": updated.title, "amount": updated.amount, "description": updated.description,
                "status": updated.status.value, "active": updated.status == LinkStatus.ACTIVE},
    "listed": [link.id for link in page.data],
    "link_events": sorted(e.type_.value if isinstance(e.type_, EventType) else e.type_ for e in link_events),
    "unauthorized": {"status": int(refused.status_code), "type": refused.parsed.error.type_.value,
                     "is_authentication_error": refused.parsed.error.type_ == ErrorType.AUTHENTICATION_ERROR,
                     "code": refused.parsed.error.code},
}))
