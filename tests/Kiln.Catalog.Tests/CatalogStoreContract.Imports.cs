using Kiln.Catalog.Tests.Support;

namespace Kiln.Catalog.Tests;

public abstract partial class CatalogStoreContract
{
    [Fact]
    public async Task An_import_is_a_queued_image_without_appliance_definition_or_format()
    {
        var store = NewStore();

        var image = await store.CreateImportAsync(Samples.Import(Alice), default);

        Assert.True(image.Id > 0);
        Assert.Equal(Alice, image.Owner);
        Assert.Null(image.ApplianceId);
        Assert.Null(image.Definition);
        Assert.Equal("", image.Format);
        Assert.True(image.Compress);
        Assert.Equal("http://images.example/debian.qcow2", image.Source);
        Assert.Equal("imported", image.Label.Name);
        Assert.Equal("imported", image.DisplayName);
        Assert.Equal("test", image.Label.Properties["origin"]);
        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal(StampNow(), image.Stamp);
        Samples.AssertSameImage(image, await store.GetImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task Imports_are_listed_with_the_owners_images_but_under_no_appliance_and_not_for_others()
    {
        var store = NewStore();
        var (appliance, generated) = await ApplianceWithImageAsync(store, Alice);
        var imported = await store.CreateImportAsync(Samples.Import(Alice), default);
        await store.CreateImportAsync(Samples.Import(Bob), default);

        Assert.Equal([generated.Id, imported.Id], (await store.ListImagesAsync(Alice, null, default)).Select(i => i.Id));
        Assert.Equal([generated.Id], (await store.ListImagesAsync(Alice, appliance.Id, default)).Select(i => i.Id));
        Assert.Null(await store.GetImageAsync(Bob, imported.Id, default));
        Assert.Contains(imported.Id, (await store.ListUnfinishedImagesAsync(default)).Select(i => i.Id));
    }

    [Fact]
    public async Task Completing_an_import_records_the_format_found_and_the_file()
    {
        var store = NewStore();
        var image = await store.CreateImportAsync(Samples.Import(Alice), default);
        Time.Advance(TimeSpan.FromSeconds(3));

        var complete = await store.CompleteImportAsync(image.Id, "qcow2", Samples.Artefact(image.Id, "debian.qcow2"), default);

        Assert.Equal(ImageState.Complete, complete!.Status.State);
        Assert.Equal("qcow2", complete.Format);
        Assert.Equal(Samples.Artefact(image.Id, "debian.qcow2"), complete.Artefact);
        Assert.Equal(StampNow(image.Stamp), complete.Stamp);
        var late = await store.CompleteImportAsync(image.Id, "vmdk", Samples.Artefact(image.Id, "other.vmdk"), default);
        Samples.AssertSameImage(complete, late);
    }

    [Fact]
    public async Task Deleting_an_appliance_leaves_imports_alone()
    {
        var store = NewStore();
        var (appliance, _) = await ApplianceWithImageAsync(store, Alice);
        var imported = await store.CreateImportAsync(Samples.Import(Alice), default);

        Assert.True(await store.DeleteApplianceAsync(Alice, appliance.Id, default));

        Assert.Equal([imported.Id], (await store.ListImagesAsync(Alice, null, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task A_label_is_saved_with_a_new_revision_and_a_stale_one_is_a_conflict()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        Assert.Equal("web", image.DisplayName);
        Time.Advance(TimeSpan.FromSeconds(1));

        var labelled = await store.UpdateImageLabelAsync(image with
        {
            Label = new ImageLabel("web-gold", "the golden image", new Dictionary<string, string> { ["tier"] = "gold", ["note"] = "a 'quoted' value" }),
        }, default);

        Assert.Equal("web-gold", labelled!.DisplayName);
        Assert.Equal(StampNow(image.Stamp), labelled.Stamp);
        Samples.AssertSameImage(labelled, await store.GetImageAsync(Alice, image.Id, default));
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateImageLabelAsync(image with { Label = ImageLabel.Empty }, default));
        Assert.Null(await store.UpdateImageLabelAsync(labelled with { Owner = Bob }, default));
        Assert.Null(await store.UpdateImageLabelAsync(labelled with { Id = 9999 }, default));
        Samples.AssertSameImage(labelled, await store.GetImageAsync(Alice, image.Id, default));
    }
}
