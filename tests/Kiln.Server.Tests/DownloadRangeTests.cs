using System.Net;
using System.Net.Http.Headers;
using Kiln.Server.Tests.Support;

namespace Kiln.Server.Tests;

/// <summary>HTTP's conditional and partial requests on an image download, as the owner (credentials, no download id).</summary>
public sealed class DownloadRangeTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public DownloadRangeTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task A_suffix_range_answers_the_last_bytes()
    {
        var (path, bytes) = await ImageAsync("suffix");

        using var response = await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(null, 1000));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[^1000..], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {bytes.Length - 1000}-{bytes.Length - 1}/{bytes.Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task A_range_past_the_end_answers_416_with_the_length()
    {
        var (path, bytes) = await ImageAsync("past-end");

        using var response = await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(bytes.Length, null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{bytes.Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task A_range_ending_past_the_end_is_cut_to_the_file()
    {
        var (path, bytes) = await ImageAsync("cut");

        using var response = await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(bytes.Length - 10, bytes.Length + 500));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[^10..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Several_ranges_or_a_stale_if_range_get_the_whole_file()
    {
        var (path, bytes) = await ImageAsync("whole");

        using var several = await GetAsync(path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=0-9,20-29"));
        using var stale = await GetAsync(path, r =>
        {
            r.Headers.Range = new RangeHeaderValue(0, 9);
            r.Headers.TryAddWithoutValidation("If-Range", "\"not-the-current-etag\"");
        });

        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        Assert.Equal(bytes, await several.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(bytes.Length, (await stale.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_current_if_range_and_if_none_match_are_honoured()
    {
        var (path, bytes) = await ImageAsync("conditional");
        using var first = await GetAsync(path, _ => { });
        var etag = first.Headers.ETag!;

        using var resumed = await GetAsync(path, r =>
        {
            r.Headers.Range = new RangeHeaderValue(5, 14);
            r.Headers.IfRange = new RangeConditionHeaderValue(etag);
        });
        using var unchanged = await GetAsync(path, r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal(bytes[5..15], await resumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal("bytes", first.Headers.AcceptRanges.Single());
        Assert.NotNull(first.Content.Headers.LastModified);
    }

    private async Task<(string Path, byte[] Bytes)> ImageAsync(string name)
    {
        using var admin = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(admin, "range-" + name);
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(admin, aid);
        var bytes = BuiltImages.RandomBytes();
        await BuiltImages.CompleteAsync(_kiln, id, bytes);
        return ($"/api/users/admin/appliances/{aid}/images/{id}/downloads", bytes);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage> shape)
    {
        using var admin = _kiln.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        shape(request);
        return await admin.SendAsync(request);
    }
}
