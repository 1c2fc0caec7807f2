using System.Globalization;
using System.Net;
using Kiln.Server.Tests.Support;

namespace Kiln.Server.Tests;

/// <summary>Images reached by their id under the user alone: the only way to an imported image, which has no appliance.</summary>
public sealed class UserImageRoutesTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public UserImageRoutesTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task An_imported_image_is_read_listed_and_downloaded_under_the_user()
    {
        using var admin = _kiln.Admin();
        var bytes = BuiltImages.RandomBytes();
        var image = await BuiltImages.ImportedAsync(_kiln, "admin", bytes);

        using var got = await admin.GetAsync(new Uri($"/api/users/admin/images/{image.Id}", UriKind.Relative));
        var document = ValidUForge.Parse(await got.Content.ReadAsStringAsync()).Root!;

        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal($"users/admin/images/{image.Id}", document.Element("uri")!.Value);
        Assert.Null(document.Element("parentUri"));
        Assert.Equal("debian-cloud", document.Element("name")!.Value);
        Assert.Equal("qcow2", document.Element("format")!.Element("name")!.Value);
        var downloadUri = document.Element("downloadUri")!.Value;
        Assert.StartsWith($"users/admin/images/{image.Id}/downloads?downloadId=", downloadUri, StringComparison.Ordinal);
        using var anonymous = _kiln.CreateClient();
        Assert.Equal(bytes, await anonymous.GetByteArrayAsync(new Uri("/api/" + downloadUri, UriKind.Relative)));
        using var list = await admin.GetAsync(new Uri("/api/users/admin/images", UriKind.Relative));
        Assert.Contains(ValidUForge.Parse(await list.Content.ReadAsStringAsync()).Descendants("dbId"),
            e => e.Value == image.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_generated_image_is_also_reached_by_its_id_for_status_cancel_and_delete()
    {
        using var admin = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(admin, "by-id");
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(admin, aid);

        using var status = await admin.GetAsync(new Uri($"/api/users/admin/images/{id}/status", UriKind.Relative));
        Assert.Equal("false", ValidUForge.Parse(await status.Content.ReadAsStringAsync()).Root!.Element("complete")!.Value);
        using var cancel = await admin.DeleteAsync(new Uri($"/api/users/admin/images/{id}/status", UriKind.Relative));
        Assert.Equal("true", ValidUForge.Parse(await cancel.Content.ReadAsStringAsync()).Root!.Element("cancelled")!.Value);
        using var deleted = await admin.DeleteAsync(new Uri($"/api/users/admin/images/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync(new Uri($"/api/users/admin/images/{id}", UriKind.Relative));
        await ApiOnlyKilnFactory.AssertErrorAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_image_is_not_found_by_its_id()
    {
        var image = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(1024));
        using var other = await _kiln.UserWithAsync("id-prober", Kiln.Catalog.Entitlements.ImageGenerate, Kiln.Catalog.Entitlements.ApplianceCreate);

        using var got = await other.GetAsync(new Uri($"/api/users/id-prober/images/{image.Id}", UriKind.Relative));
        using var download = await other.GetAsync(new Uri($"/api/users/id-prober/images/{image.Id}/downloads", UriKind.Relative));

        await ApiOnlyKilnFactory.AssertErrorAsync(got, HttpStatusCode.NotFound);
        await ApiOnlyKilnFactory.AssertErrorAsync(download, HttpStatusCode.NotFound);
    }
}
