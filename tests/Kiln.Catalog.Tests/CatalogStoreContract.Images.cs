using Kiln.Catalog.Tests.Support;

namespace Kiln.Catalog.Tests;

public abstract partial class CatalogStoreContract
{
    [Fact]
    public async Task Created_image_is_queued_with_its_request_and_a_definition_snapshot()
    {
        var store = NewStore();
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        var snapshot = Samples.Definition("web", 10240);

        var image = await store.CreateImageAsync(new NewImage(Alice, appliance.Id, "vmware", "vmdk", false, snapshot), default);

        Assert.True(image.Id > 0);
        Assert.Equal(Alice, image.Owner);
        Assert.Equal(appliance.Id, image.ApplianceId);
        Assert.Equal("vmware", image.TargetFormat);
        Assert.Equal("vmdk", image.Format);
        Assert.False(image.Compress);
        Assert.Equal(Samples.Json(snapshot), Samples.Json(image.Definition));
        Assert.Null(image.JobId);
        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Null(image.Artefact);
        Assert.Empty(image.Packages);
        Assert.Equal(StampNow(), image.Stamp);
        Samples.AssertSameImage(image, await store.GetImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task An_image_keeps_its_definition_when_the_appliance_changes()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);

        await store.UpdateApplianceAsync(appliance with { Definition = Samples.Definition("renamed", 9999) }, default);

        Assert.Equal(Samples.Json(appliance.Definition), Samples.Json((await store.GetImageAsync(Alice, image.Id, default))!.Definition));
    }

    [Fact]
    public async Task Another_owners_image_is_not_found_listed_or_deleted_but_workers_find_it_by_id()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);

        Assert.Null(await store.GetImageAsync(Bob, image.Id, default));
        Assert.Empty(await store.ListImagesAsync(Bob, null, default));
        Assert.Empty(await store.ListImagesAsync(Bob, appliance.Id, default));
        Assert.False(await store.DeleteImageAsync(Bob, image.Id, default));

        Samples.AssertSameImage(image, await store.GetImageByIdAsync(image.Id, default));
        Samples.AssertSameImage(image, await store.GetImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task Unknown_image_is_not_found()
    {
        var store = NewStore();

        Assert.Null(await store.GetImageAsync(Alice, 4242, default));
        Assert.Null(await store.GetImageByIdAsync(4242, default));
        Assert.False(await store.DeleteImageAsync(Alice, 4242, default));
    }

    [Fact]
    public async Task Images_are_listed_by_id_for_the_owner_and_for_one_appliance_when_asked()
    {
        var store = NewStore();
        var (web, first) = await ApplianceWithImageAsync(store, Alice);
        var (db, second) = await ApplianceWithImageAsync(store, Alice);
        await ApplianceWithImageAsync(store, Bob);
        var third = await store.CreateImageAsync(Samples.Image(web, "ova"), default);

        Assert.Equal([first.Id, second.Id, third.Id], (await store.ListImagesAsync(Alice, null, default)).Select(i => i.Id));
        Assert.Equal([first.Id, third.Id], (await store.ListImagesAsync(Alice, web.Id, default)).Select(i => i.Id));
        Assert.Equal([second.Id], (await store.ListImagesAsync(Alice, db.Id, default)).Select(i => i.Id));
        Samples.AssertSameImage(third, (await store.ListImagesAsync(Alice, web.Id, default))[1]);
    }

    [Fact]
    public async Task Linking_an_image_to_its_job_is_a_change()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var job = Guid.NewGuid();
        Time.Advance(TimeSpan.FromSeconds(1));

        var linked = await store.SetImageJobAsync(image.Id, job, default);

        var expected = image with { JobId = job, Stamp = StampNow(image.Stamp) };
        Samples.AssertSameImage(expected, linked);
        Samples.AssertSameImage(expected, await store.GetImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task Status_moves_on_with_each_update_and_bumps_revision_and_last_modified()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        Time.Advance(TimeSpan.FromSeconds(5));

        var generating = await store.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 40, "disk"), default);

        var expected = image with { Status = new ImageStatus(ImageState.Generating, 40, "disk"), Stamp = StampNow(image.Stamp) };
        Samples.AssertSameImage(expected, generating);
        Samples.AssertSameImage(expected, await store.GetImageAsync(Alice, image.Id, default));

        Time.Advance(TimeSpan.FromSeconds(5));
        var failed = new ImageStatus(ImageState.Error, 40, "disk failed", "mke2fs exited with code 1", "mke2fs: No space left on device");
        var error = await store.UpdateImageStatusAsync(image.Id, failed, default);

        Samples.AssertSameImage(expected with { Status = failed, Stamp = StampNow(expected.Stamp) }, error);
        Samples.AssertSameImage(error!, await store.GetImageByIdAsync(image.Id, default));
    }

    [Fact]
    public async Task Completing_an_image_records_its_artefact_and_installed_packages()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        await store.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 90, "checksum"), default);
        Time.Advance(TimeSpan.FromMinutes(4));

        var complete = await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default);

        Assert.NotNull(complete);
        Assert.Equal(ImageState.Complete, complete.Status.State);
        Assert.Equal(100, complete.Status.Percentage);
        Assert.True(complete.Status.IsFinal);
        Assert.Null(complete.Status.ErrorMessage);
        Assert.Equal(Samples.Artefact(image.Id), complete.Artefact);
        Assert.Equal(Samples.Packages, complete.Packages);
        Assert.Equal(new Stamp(image.Stamp.Created, Time.GetUtcNow(), 3), complete.Stamp);
        Samples.AssertSameImage(complete, await store.GetImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task Completing_an_image_without_artefact_is_allowed()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);

        var complete = await store.CompleteImageAsync(image.Id, null, [], default);

        Assert.Equal(ImageState.Complete, complete!.Status.State);
        Assert.Null(complete.Artefact);
        Assert.Empty(complete.Packages);
        Samples.AssertSameImage(complete, await store.GetImageByIdAsync(image.Id, default));
    }

    [Theory]
    [InlineData(ImageState.Complete)]
    [InlineData(ImageState.Error)]
    [InlineData(ImageState.Cancelled)]
    public async Task A_final_status_is_kept_whatever_comes_late(ImageState final)
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);
        var ended = final == ImageState.Complete
            ? await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default)
            : await store.UpdateImageStatusAsync(image.Id, new ImageStatus(final, 30, "ended", final == ImageState.Error ? "boom" : null), default);
        Time.Advance(TimeSpan.FromMinutes(1));

        var afterStatus = await store.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 80, "late progress"), default);
        var afterQueued = await store.UpdateImageStatusAsync(image.Id, ImageStatus.Queued, default);
        var afterComplete = await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id, "other.qcow2.gz"), [], default);

        Assert.Equal(final, ended!.Status.State);
        Samples.AssertSameImage(ended, afterStatus);
        Samples.AssertSameImage(ended, afterQueued);
        Samples.AssertSameImage(ended, afterComplete);
        Samples.AssertSameImage(ended, await store.GetImageByIdAsync(image.Id, default));
    }

    [Fact]
    public async Task Listed_images_leave_their_packages_out_and_a_read_image_has_them()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);
        var complete = await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default);

        var listed = Assert.Single(await store.ListImagesAsync(Alice, appliance.Id, default));

        Assert.Empty(listed.Packages);
        Samples.AssertSameImage(complete! with { Packages = [] }, listed);
        Assert.Equal(Samples.Packages, (await store.GetImageAsync(Alice, image.Id, default))!.Packages);
    }

    [Fact]
    public async Task Unfinished_images_of_every_owner_are_listed_by_id()
    {
        var store = NewStore();
        var (aliceAppliance, queued) = await ApplianceWithImageAsync(store, Alice);
        var (_, bobs) = await ApplianceWithImageAsync(store, Bob);
        var generating = await store.CreateImageAsync(Samples.Image(aliceAppliance, "ova"), default);
        await store.UpdateImageStatusAsync(generating.Id, new ImageStatus(ImageState.Generating, 40, "disk"), default);
        var complete = await store.CreateImageAsync(Samples.Image(aliceAppliance, "raw"), default);
        await store.CompleteImageAsync(complete.Id, Samples.Artefact(complete.Id), [], default);
        var failed = await store.CreateImageAsync(Samples.Image(aliceAppliance, "vhd"), default);
        await store.UpdateImageStatusAsync(failed.Id, new ImageStatus(ImageState.Error, 10, "bootstrap", "boom"), default);

        var unfinished = await store.ListUnfinishedImagesAsync(default);

        Assert.Equal([queued.Id, bobs.Id, generating.Id], unfinished.Select(i => i.Id));
        Assert.Equal(ImageState.Generating, unfinished[2].Status.State);
    }

    [Fact]
    public async Task Changes_to_a_missing_image_return_null()
    {
        var store = NewStore();

        Assert.Null(await store.SetImageJobAsync(999, Guid.NewGuid(), default));
        Assert.Null(await store.UpdateImageStatusAsync(999, new ImageStatus(ImageState.Generating, 1, "x"), default));
        Assert.Null(await store.CompleteImageAsync(999, null, [], default));
    }

    [Fact]
    public async Task Deleting_an_image_deletes_its_tickets_and_keeps_its_appliance()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);
        var kept = await store.CreateImageAsync(Samples.Image(appliance, "ova"), default);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromHours(1), default);

        Assert.True(await store.DeleteImageAsync(Alice, image.Id, default));

        Assert.Null(await store.GetImageAsync(Alice, image.Id, default));
        Assert.Null(await store.RedeemDownloadTicketAsync(ticket.Id, default));
        Assert.Equal([kept.Id], (await store.ListImagesAsync(Alice, appliance.Id, default)).Select(i => i.Id));
        Assert.NotNull(await store.GetApplianceAsync(Alice, appliance.Id, default));
        Assert.False(await store.DeleteImageAsync(Alice, image.Id, default));
    }

    [Fact]
    public async Task The_status_of_an_image_is_read_alone_as_the_whole_image_has_it()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);
        var imported = await store.CreateImportAsync(Samples.Import(Alice), default);
        Time.Advance(TimeSpan.FromSeconds(5));
        var failed = await store.UpdateImageStatusAsync(image.Id,
            new ImageStatus(ImageState.Error, 40, "disk failed", "mke2fs exited with code 1", "mke2fs: No space left on device"), default);

        var status = await store.GetImageStatusAsync(Alice, image.Id, default);
        var importStatus = await store.GetImageStatusAsync(Alice, imported.Id, default);

        Assert.Equal(new ImageProgress(image.Id, Alice, appliance.Id, failed!.Status, failed.Stamp), status);
        Assert.Equal(new ImageProgress(imported.Id, Alice, null, ImageStatus.Queued, imported.Stamp), importStatus);
    }

    [Fact]
    public async Task The_status_of_another_owners_image_or_of_no_image_is_not_found()
    {
        var store = NewStore();
        var (_, image) = await ApplianceWithImageAsync(store, Alice);

        Assert.Null(await store.GetImageStatusAsync(Bob, image.Id, default));
        Assert.Null(await store.GetImageStatusAsync(Alice, image.Id + 100, default));
    }

    [Fact]
    public async Task The_images_version_changes_with_every_change_to_an_appliance_or_an_image()
    {
        var store = NewStore();
        var versions = new List<long> { await store.GetImagesVersionAsync(default) };
        async Task Changed() => versions.Add(await store.GetImagesVersionAsync(default));

        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        await Changed();
        appliance = await store.UpdateApplianceAsync(appliance with { HasOsProfile = false }, default);
        await Changed();
        var image = await store.CreateImageAsync(Samples.Image(appliance), default);
        await Changed();
        await store.SetImageJobAsync(image.Id, Guid.NewGuid(), default);
        await Changed();
        await store.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 40, "disk"), default);
        await Changed();
        image = (await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default))!;
        await Changed();
        await store.UpdateImageLabelAsync(image with { Label = new ImageLabel("named", null, new Dictionary<string, string>()) }, default);
        await Changed();
        var imported = await store.CreateImportAsync(Samples.Import(Alice), default);
        await Changed();
        await store.CompleteImportAsync(imported.Id, "qcow2", Samples.Artefact(imported.Id), default);
        await Changed();
        await store.DeleteImageAsync(Alice, imported.Id, default);
        await Changed();
        await store.DeleteApplianceAsync(Alice, appliance.Id, default);
        await Changed();

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Reading_and_what_changes_no_appliance_or_image_leave_the_images_version_as_it_was()
    {
        var store = NewStore();
        var (appliance, image) = await ApplianceWithImageAsync(store, Alice);
        var before = await store.GetImagesVersionAsync(default);

        await store.GetImageAsync(Alice, image.Id, default);
        await store.GetImageStatusAsync(Alice, image.Id, default);
        await store.ListImagesAsync(Alice, appliance.Id, default);
        await store.GetApplianceAsync(Alice, appliance.Id, default);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);
        await store.RedeemDownloadTicketAsync(ticket.Id, default);
        await store.CreateUserAsync(Samples.User(Alice), default);

        Assert.Equal(before, await store.GetImagesVersionAsync(default));
    }
}
