namespace Kiln.Catalog.Tests;

public abstract partial class MachineStoreContract
{
    [Fact]
    public async Task Created_template_keeps_its_owner_label_config_and_image()
    {
        var store = NewStore();
        var config = await store.CreateConfigAsync(NewConfig(Alice), default);
        var label = Label("web template", "nginx on small", ("role", "web"));

        var template = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, label, config.Id, ImageId), default);

        Assert.True(template.Id > 0);
        Assert.Equal(Alice, template.Owner);
        AssertSameLabel(label, template.Label);
        Assert.Equal(config.Id, template.ConfigId);
        Assert.Equal(ImageId, template.ImageId);
        Assert.Equal(StampNow(), template.Stamp);
        AssertSameTemplate(template, await store.GetTemplateAsync(Alice, template.Id, default));
    }

    [Fact]
    public async Task A_template_may_use_a_shared_config()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null, "shared"), default);

        var template = await store.CreateTemplateAsync(new NewMachineTemplate(Bob, Label("bobs"), shared.Id, ImageId), default);

        Assert.Equal(shared.Id, template.ConfigId);
        AssertSameTemplate(template, await store.GetTemplateAsync(Bob, template.Id, default));
    }

    [Fact]
    public async Task A_template_on_another_owners_config_or_a_missing_one_is_a_conflict()
    {
        var store = NewStore();
        var alices = await store.CreateConfigAsync(NewConfig(Alice), default);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateTemplateAsync(new NewMachineTemplate(Bob, Label("borrowed"), alices.Id, ImageId), default));
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("missing"), alices.Id + 100, ImageId), default));

        Assert.Empty(await store.ListTemplatesAsync(Bob, default));
        Assert.Empty(await store.ListTemplatesAsync(Alice, default));
    }

    [Fact]
    public async Task Another_owners_template_is_not_found_listed_or_deleted()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null), default);
        var alices = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("alices"), shared.Id, ImageId), default);

        Assert.Null(await store.GetTemplateAsync(Bob, alices.Id, default));
        Assert.Empty(await store.ListTemplatesAsync(Bob, default));
        Assert.False(await store.DeleteTemplateAsync(Bob, alices.Id, default));

        AssertSameTemplate(alices, await store.GetTemplateAsync(Alice, alices.Id, default));
    }

    [Fact]
    public async Task Unknown_template_is_not_found()
    {
        var store = NewStore();

        Assert.Null(await store.GetTemplateAsync(Alice, 4242, default));
        Assert.False(await store.DeleteTemplateAsync(Alice, 4242, default));
        Assert.Empty(await store.ListTemplatesAsync(Alice, default));
    }

    [Fact]
    public async Task Templates_are_listed_by_id_for_their_owner()
    {
        var store = NewStore();
        var shared = await store.CreateConfigAsync(NewConfig(null), default);
        var first = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("first"), shared.Id, ImageId), default);
        await store.CreateTemplateAsync(new NewMachineTemplate(Bob, Label("bobs"), shared.Id, ImageId), default);
        var second = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("second"), shared.Id, ImageId + 1), default);

        var listed = await store.ListTemplatesAsync(Alice, default);

        Assert.Equal([first.Id, second.Id], listed.Select(t => t.Id));
        AssertSameTemplate(second, listed[1]);
    }

    [Fact]
    public async Task Deleting_a_template_keeps_its_config_and_a_second_delete_returns_false()
    {
        var store = NewStore();
        var config = await store.CreateConfigAsync(NewConfig(Alice), default);
        var template = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("t"), config.Id, ImageId), default);

        Assert.True(await store.DeleteTemplateAsync(Alice, template.Id, default));

        Assert.Null(await store.GetTemplateAsync(Alice, template.Id, default));
        Assert.Empty(await store.ListTemplatesAsync(Alice, default));
        AssertSameConfig(config, await store.GetConfigAsync(Alice, config.Id, default));
        Assert.False(await store.DeleteTemplateAsync(Alice, template.Id, default));
    }
}
