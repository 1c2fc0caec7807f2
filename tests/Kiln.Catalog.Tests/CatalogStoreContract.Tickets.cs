namespace Kiln.Catalog.Tests;

public abstract partial class CatalogStoreContract
{
    [Fact]
    public async Task A_ticket_is_redeemed_once_for_its_image()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);

        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        Assert.Equal(image.Id, ticket.ImageId);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMinutes(5), ticket.ExpiresAt);
        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(ticket.Id, default));
        Assert.Null(await store.RedeemDownloadTicketAsync(ticket.Id, default));
    }

    [Fact]
    public async Task Checking_a_ticket_does_not_use_it_up()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        Assert.Equal(image.Id, await store.CheckDownloadTicketAsync(ticket.Id, default));
        Assert.Equal(image.Id, await store.CheckDownloadTicketAsync(ticket.Id, default));
        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(ticket.Id, default));
        Assert.Null(await store.CheckDownloadTicketAsync(ticket.Id, default));
        Assert.Null(await store.CheckDownloadTicketAsync("not-a-ticket", default));
        Assert.Null(await store.CheckDownloadTicketAsync("", default));
    }

    [Fact]
    public async Task An_expired_ticket_does_not_check()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await store.CheckDownloadTicketAsync(ticket.Id, default));
    }

    [Fact]
    public async Task Ticket_ids_are_long_url_safe_and_never_the_same()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
            ids.Add((await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default)).Id);

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.True(id.Length >= 43, $"ticket '{id}' carries fewer than 256 bits");
            Assert.Matches("^[A-Za-z0-9_-]+$", id);
        });
    }

    [Fact]
    public async Task Each_ticket_of_an_image_is_used_up_on_its_own()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var first = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);
        var second = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(second.Id, default));
        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(first.Id, default));
    }

    [Fact]
    public async Task A_ticket_is_valid_until_its_lifetime_has_passed()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var early = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(10), default);
        var late = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(10), default);

        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(early.Id, default));

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.RedeemDownloadTicketAsync(late.Id, default));
    }

    [Fact]
    public async Task Unknown_ticket_is_not_redeemed()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        Assert.Null(await store.RedeemDownloadTicketAsync("not-a-ticket", default));
        Assert.Null(await store.RedeemDownloadTicketAsync("", default));
        Assert.Null(await store.RedeemDownloadTicketAsync(ticket.Id.ToUpperInvariant(), default));
        Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(ticket.Id, default));
    }

    [Fact]
    public async Task Of_concurrent_redeemers_of_one_ticket_exactly_one_wins()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);

        for (var round = 0; round < 10; round++)
        {
            var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);
            using var start = new ManualResetEventSlim();
            var redeemers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return store.RedeemDownloadTicketAsync(ticket.Id, default);
            })).ToList();
            start.Set();

            var results = await Task.WhenAll(redeemers);

            Assert.Equal([image.Id], results.Where(r => r is not null).Select(r => r!.Value));
        }
    }
}
