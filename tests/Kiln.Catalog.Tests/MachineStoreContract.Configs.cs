namespace Kiln.Catalog.Tests;

public abstract partial class MachineStoreContract
{
    [Fact]
    public async Task Created_config_keeps_its_owner_label_and_hardware()
    {
        var store = NewStore();

        var owned = await store.CreateConfigAsync(NewConfig(Alice), default);
        var shared = await store.CreateConfigAsync(new NewMachineConfig(null, Label("large"), Large), default);

        Assert.True(owned.Id > 0);
        Assert.Equal(Alice, owned.Owner);
        AssertSameLabel(NewConfig(Alice).Label, owned.Label);
        Assert.Equal(Small, owned.Hardware);
        Assert.Equal(StampNow(), owned.Stamp);
        Assert.Null(shared.Owner);
        Assert.Equal(Large, shared.Hardware);
        AssertSameConfig(owned, await store.GetConfigAsync(Alice, owned.Id, default));
        AssertSameConfig(shared, await store.GetConfigAsync(Alice, shared.Id, default));
    }

    [Fact]
    public async Task A_shared_config_is_found_and_listed_for_every_owner()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null, "shared"), default);

        AssertSameConfig(shared, await store.GetConfigAsync(Alice, shared.Id, default));
        AssertSameConfig(shared, await store.GetConfigAsync(Bob, shared.Id, default));
        AssertSameConfig(shared, Assert.Single(await store.ListConfigsAsync(Alice, default)));
        AssertSameConfig(shared, Assert.Single(await store.ListConfigsAsync(Bob, default)));
    }

    [Fact]
    public async Task Another_owners_config_is_not_found_listed_or_deleted()
    {
        var store = NewStore();
        var alices = await store.CreateConfigAsync(NewConfig(Alice), default);

        Assert.Null(await store.GetConfigAsync(Bob, alices.Id, default));
        Assert.Empty(await store.ListConfigsAsync(Bob, default));
        Assert.Empty(await store.ListSharedConfigsAsync(default));
        Assert.False(await store.DeleteConfigAsync(Bob, alices.Id, default));

        AssertSameConfig(alices, await store.GetConfigAsync(Alice, alices.Id, default));
    }

    [Fact]
    public async Task Unknown_config_is_not_found()
    {
        var store = NewStore();

        Assert.Null(await store.GetConfigAsync(Alice, 4242, default));
        Assert.False(await store.DeleteConfigAsync(Alice, 4242, default));
        Assert.Empty(await store.ListConfigsAsync(Alice, default));
        Assert.Empty(await store.ListSharedConfigsAsync(default));
    }

    [Fact]
    public async Task Configs_are_listed_by_id_shared_and_the_owners_together()
    {
        var store = NewStore();
        var small = await store.CreateConfigAsync(NewConfig(null, "small"), default);
        var alices = await store.CreateConfigAsync(NewConfig(Alice, "alices"), default);
        var bobs = await store.CreateConfigAsync(NewConfig(Bob, "bobs"), default);
        var large = await store.CreateConfigAsync(new NewMachineConfig(null, Label("large"), Large), default);

        var forAlice = await store.ListConfigsAsync(Alice, default);

        Assert.Equal([small.Id, alices.Id, large.Id], forAlice.Select(c => c.Id));
        Assert.Equal([small.Id, bobs.Id, large.Id], (await store.ListConfigsAsync(Bob, default)).Select(c => c.Id));
        AssertSameConfig(large, forAlice[2]);
    }

    [Fact]
    public async Task Shared_configs_are_listed_alone_by_id()
    {
        var store = NewStore();
        var small = await store.CreateConfigAsync(NewConfig(null, "small"), default);
        await store.CreateConfigAsync(NewConfig(Alice, "alices"), default);
        var large = await store.CreateConfigAsync(new NewMachineConfig(null, Label("large"), Large), default);

        var shared = await store.ListSharedConfigsAsync(default);

        Assert.Equal([small.Id, large.Id], shared.Select(c => c.Id));
        AssertSameConfig(small, shared[0]);
    }

    [Fact]
    public async Task A_shared_config_is_never_deleted_by_an_owner()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null, "shared"), default);

        Assert.False(await store.DeleteConfigAsync(Alice, shared.Id, default));
        Assert.False(await store.DeleteConfigAsync("", shared.Id, default));

        AssertSameConfig(shared, await store.GetConfigAsync(Bob, shared.Id, default));
        AssertSameConfig(shared, Assert.Single(await store.ListSharedConfigsAsync(default)));
    }

    [Fact]
    public async Task Deleting_an_owned_config_removes_it_and_a_second_delete_returns_false()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null, "shared"), default);
        var alices = await store.CreateConfigAsync(NewConfig(Alice), default);

        Assert.True(await store.DeleteConfigAsync(Alice, alices.Id, default));

        Assert.Null(await store.GetConfigAsync(Alice, alices.Id, default));
        Assert.Equal([shared.Id], (await store.ListConfigsAsync(Alice, default)).Select(c => c.Id));
        Assert.False(await store.DeleteConfigAsync(Alice, alices.Id, default));
    }
}
