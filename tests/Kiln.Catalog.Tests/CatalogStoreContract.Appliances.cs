using Kiln.Catalog.Tests.Support;

namespace Kiln.Catalog.Tests;

public abstract partial class CatalogStoreContract
{
    [Fact]
    public async Task Created_appliance_keeps_owner_definition_and_os_profile_flag_at_its_first_revision()
    {
        var store = NewStore();

        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), hasOsProfile: false, default);

        Assert.True(appliance.Id > 0);
        Assert.Equal(Alice, appliance.Owner);
        Assert.Equal(Samples.Json(Samples.Definition()), Samples.Json(appliance.Definition));
        Assert.False(appliance.HasOsProfile);
        Assert.Equal(StampNow(), appliance.Stamp);
        Samples.AssertSameAppliance(appliance, await store.GetApplianceAsync(Alice, appliance.Id, default));
    }

    [Fact]
    public async Task Appliances_are_listed_by_id_for_their_owner_only()
    {
        var store = NewStore();
        var first = await store.CreateApplianceAsync(Alice, Samples.Definition("a"), true, default);
        await store.CreateApplianceAsync(Bob, Samples.Definition("b"), true, default);
        var second = await store.CreateApplianceAsync(Alice, Samples.Definition("c"), false, default);

        var listed = await store.ListAppliancesAsync(Alice, default);

        Assert.Equal([first.Id, second.Id], listed.Select(a => a.Id));
        Samples.AssertSameAppliance(second, listed[1]);
        Assert.Empty(await store.ListAppliancesAsync("carol", default));
    }

    [Fact]
    public async Task Another_owners_appliance_is_not_found_listed_updated_or_deleted()
    {
        var store = NewStore();
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);

        Assert.Null(await store.GetApplianceAsync(Bob, appliance.Id, default));
        Assert.Empty(await store.ListAppliancesAsync(Bob, default));
        Assert.False(await store.DeleteApplianceAsync(Bob, appliance.Id, default));
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateApplianceAsync(appliance with { Owner = Bob, Definition = Samples.Definition("stolen") }, default));

        Samples.AssertSameAppliance(appliance, await store.GetApplianceAsync(Alice, appliance.Id, default));
    }

    [Fact]
    public async Task Unknown_appliance_is_not_found()
    {
        var store = NewStore();

        Assert.Null(await store.GetApplianceAsync(Alice, 12345, default));
        Assert.False(await store.DeleteApplianceAsync(Alice, 12345, default));
    }

    [Fact]
    public async Task Updating_an_appliance_saves_definition_and_flag_and_bumps_revision_and_last_modified()
    {
        var store = NewStore();
        var created = await store.CreateApplianceAsync(Alice, Samples.Definition(), false, default);
        Time.Advance(TimeSpan.FromSeconds(90));

        var updated = await store.UpdateApplianceAsync(created with { Definition = Samples.Definition("web", 8192), HasOsProfile = true }, default);

        var expected = created with { Definition = Samples.Definition("web", 8192), HasOsProfile = true, Stamp = StampNow(created.Stamp) };
        Samples.AssertSameAppliance(expected, updated);
        Samples.AssertSameAppliance(expected, await store.GetApplianceAsync(Alice, created.Id, default));
    }

    [Fact]
    public async Task Updating_an_appliance_from_a_stale_revision_is_a_conflict_and_changes_nothing()
    {
        var store = NewStore();
        var created = await store.CreateApplianceAsync(Alice, Samples.Definition(), false, default);
        var current = await store.UpdateApplianceAsync(created with { HasOsProfile = true }, default);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateApplianceAsync(created with { Definition = Samples.Definition("late") }, default));

        Samples.AssertSameAppliance(current, await store.GetApplianceAsync(Alice, created.Id, default));
    }

    [Fact]
    public async Task Updating_a_deleted_appliance_is_a_conflict()
    {
        var store = NewStore();
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        Assert.True(await store.DeleteApplianceAsync(Alice, appliance.Id, default));

        await Assert.ThrowsAsync<CatalogConflictException>(() => store.UpdateApplianceAsync(appliance, default));

        Assert.Null(await store.GetApplianceAsync(Alice, appliance.Id, default));
    }

    [Fact]
    public async Task Deleting_an_appliance_deletes_its_images_and_their_tickets_only()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);
        var second = await store.CreateImageAsync(Samples.Image(appliance, "vmdk"), default);
        var (other, otherImage) = await ApplianceWithImageAsync(store, Alice);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);
        var otherTicket = await store.IssueDownloadTicketAsync(otherImage.Id, TimeSpan.FromMinutes(5), default);

        Assert.True(await store.DeleteApplianceAsync(Alice, appliance.Id, default));

        Assert.Null(await store.GetApplianceAsync(Alice, appliance.Id, default));
        Assert.Null(await store.GetImageByIdAsync(image.Id, default));
        Assert.Null(await store.GetImageByIdAsync(second.Id, default));
        Assert.Null(await store.RedeemDownloadTicketAsync(ticket.Id, default));
        Assert.Equal([otherImage.Id], (await store.ListImagesAsync(Alice, null, default)).Select(i => i.Id));
        Assert.NotNull(await store.GetApplianceAsync(Alice, other.Id, default));
        Assert.Equal(otherImage.Id, await store.RedeemDownloadTicketAsync(otherTicket.Id, default));
        Assert.False(await store.DeleteApplianceAsync(Alice, appliance.Id, default));
    }
}
