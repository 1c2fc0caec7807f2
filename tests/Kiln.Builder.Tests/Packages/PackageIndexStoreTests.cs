using Kiln.Builder.Packages;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

/// <summary>
/// The store against a fake mirror on 127.0.0.1 serving Debian's real, signed bookworm InRelease and Packages.gz:
/// gpgv and the hash check run for real.
/// </summary>
[Collection(DebianBookwormGroup.Name)]
public sealed class PackageIndexStoreTests(DebianBookwormIndex bookworm) : IDisposable
{
    private const string Codename = DebianBookwormIndex.Codename;
    private const string Arch = DebianBookwormIndex.Architecture;
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(6);
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    private string CacheDirectory => _temp.Combine("cache");

    private PackageIndexStore NewStore() => new(CacheDirectory, new ProcessRunner(), _http, _time) { MaxAge = MaxAge };

    private static string MirrorOf(FakeMirror mirror) => mirror.Url + "debian";

    /// <summary>Files anywhere in the cache with this name.</summary>
    private string[] CachedFiles(string name) =>
        Directory.Exists(CacheDirectory) ? Directory.GetFiles(CacheDirectory, name, SearchOption.AllDirectories) : [];

    /// <summary>The URL of a mirror that is not there: its port was just closed.</summary>
    private static string UnreachableMirror()
    {
        using var mirror = new FakeMirror();
        return MirrorOf(mirror);
    }

    [Fact]
    public async Task The_signed_index_is_fetched_verified_and_read()
    {
        using var mirror = bookworm.StartMirror();

        var index = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.True(index.Count > 50000, $"{index.Count} packages");
        var jq = index.Find("jq");
        Assert.NotNull(jq);
        Assert.Equal("amd64", jq.Architecture);
        Assert.Matches(@"^1\.6", jq.Version);
        Assert.Equal("utils", jq.Section);
        Assert.Contains("JSON", jq.Summary, StringComparison.Ordinal);
        Assert.NotNull(index.Find("coreutils"));
        Assert.Contains(index.Search("nginx*"), p => p.Name == "nginx");
        Assert.Equal(Start, index.FetchedAt);
        Assert.Equal((1, 1, 2), (mirror.RequestsFor(DebianBookwormIndex.InReleasePath), mirror.RequestsFor(DebianBookwormIndex.PackagesPath), mirror.TotalRequests));
        Assert.Equal(bookworm.PackagesGz, await File.ReadAllBytesAsync(Assert.Single(CachedFiles("Packages.gz"))));
        Assert.Empty(CachedFiles("Packages.gz.download"));
    }

    [Fact]
    public async Task A_second_get_in_the_same_store_does_not_hit_the_mirror()
    {
        using var mirror = bookworm.StartMirror();
        var store = NewStore();
        var first = await store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        _time.Advance(MaxAge - TimeSpan.FromMinutes(1));

        var second = await store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        var withSlash = await store.GetAsync(MirrorOf(mirror) + "/", Codename, Arch, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Same(first, withSlash);
        Assert.Equal(2, mirror.TotalRequests);
    }

    [Fact]
    public async Task Concurrent_gets_in_the_same_store_fetch_once()
    {
        using var mirror = bookworm.StartMirror();
        var store = NewStore();

        var indexes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None)));

        Assert.All(indexes, i => Assert.Same(indexes[0], i));
        Assert.Equal(2, mirror.TotalRequests);
    }

    [Fact]
    public async Task A_new_store_within_max_age_reads_the_disk_copy_without_downloading()
    {
        using var mirror = bookworm.StartMirror();
        var first = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        _time.Advance(MaxAge - TimeSpan.FromMinutes(1));

        var again = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.NotSame(first, again);
        Assert.Equal(2, mirror.TotalRequests);
        Assert.Equal(Start, again.FetchedAt);
        Assert.Equal(first.Count, again.Count);
        Assert.Equal(first.Find("jq"), again.Find("jq"));
    }

    [Fact]
    public async Task An_index_older_than_max_age_is_fetched_again()
    {
        using var mirror = bookworm.StartMirror();
        var store = NewStore();
        var first = await store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        _time.Advance(MaxAge);

        var same = await store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        _time.Advance(MaxAge + TimeSpan.FromHours(1));
        var other = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.NotSame(first, same);
        Assert.Equal(Start + MaxAge, same.FetchedAt);
        Assert.Equal(Start + MaxAge + MaxAge + TimeSpan.FromHours(1), other.FetchedAt);
        Assert.Equal(3, mirror.RequestsFor(DebianBookwormIndex.InReleasePath));
        Assert.Equal(3, mirror.RequestsFor(DebianBookwormIndex.PackagesPath));
    }

    [Fact]
    public async Task Each_mirror_has_its_own_cached_index()
    {
        using var one = bookworm.StartMirror();
        using var two = bookworm.StartMirror();
        var store = NewStore();

        var a = await store.GetAsync(MirrorOf(one), Codename, Arch, CancellationToken.None);
        var b = await store.GetAsync(MirrorOf(two), Codename, Arch, CancellationToken.None);

        Assert.NotSame(a, b);
        Assert.Equal((2, 2), (one.TotalRequests, two.TotalRequests));
        Assert.Equal(2, CachedFiles("Packages.gz").Length);
    }

    [Fact]
    public async Task A_tampered_packages_gz_is_rejected_and_not_kept()
    {
        using var mirror = bookworm.StartMirror(packagesGz: bookworm.TamperedPackagesGz());

        var error = await Assert.ThrowsAsync<IOException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Contains("does not match its signed InRelease", error.Message, StringComparison.Ordinal);
        Assert.Contains("main/binary-amd64/Packages.gz", error.Message, StringComparison.Ordinal);
        Assert.Empty(CachedFiles("Packages.gz"));
        Assert.Empty(CachedFiles("Packages.gz.download"));
        Assert.Empty(CachedFiles("fetched-at"));
    }

    [Fact]
    public async Task A_truncated_packages_gz_is_rejected()
    {
        using var mirror = bookworm.StartMirror(packagesGz: bookworm.PackagesGz[..^1]);

        var error = await Assert.ThrowsAsync<IOException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Contains("does not match its signed InRelease", error.Message, StringComparison.Ordinal);
        Assert.Empty(CachedFiles("Packages.gz"));
    }

    [Fact]
    public async Task A_tampered_packages_gz_does_not_replace_the_verified_copy()
    {
        using var mirror = bookworm.StartMirror();
        await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        mirror.Serve(DebianBookwormIndex.PackagesPath, bookworm.TamperedPackagesGz());
        _time.Advance(MaxAge + TimeSpan.FromMinutes(1));

        var index = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.Equal(Start, index.FetchedAt);
        Assert.NotNull(index.Find("jq"));
        Assert.Equal(bookworm.PackagesGz, await File.ReadAllBytesAsync(Assert.Single(CachedFiles("Packages.gz"))));
        Assert.Empty(CachedFiles("Packages.gz.download"));
    }

    [Fact]
    public async Task A_tampered_in_release_fails_gpgv_and_nothing_is_downloaded_after_it()
    {
        using var mirror = bookworm.StartMirror(inRelease: bookworm.TamperedInRelease());

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Equal("gpgv", error.Tool);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("BAD signature", error.StandardErrorTail, StringComparison.Ordinal);
        Assert.Equal(0, mirror.RequestsFor(DebianBookwormIndex.PackagesPath));
        Assert.Empty(CachedFiles("Packages.gz"));
    }

    [Fact]
    public async Task An_in_release_signed_by_a_key_outside_the_keyring_fails_gpgv()
    {
        using var mirror = bookworm.StartMirror();
        var store = new PackageIndexStore(CacheDirectory, new ProcessRunner(), _http, _time)
        {
            Keyring = "/usr/share/keyrings/debian-archive-removed-keys.gpg",
        };

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Equal("gpgv", error.Tool);
        Assert.Equal(0, mirror.RequestsFor(DebianBookwormIndex.PackagesPath));
    }

    [Fact]
    public async Task An_architecture_the_release_does_not_list_is_an_io_error()
    {
        using var mirror = bookworm.StartMirror();

        var error = await Assert.ThrowsAsync<IOException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, "riscv64", CancellationToken.None));

        Assert.Contains("lists no main/binary-riscv64/Packages.gz", error.Message, StringComparison.Ordinal);
        Assert.Empty(CachedFiles("Packages.gz"));
    }

    [Fact]
    public async Task When_the_mirror_is_down_after_max_age_a_new_store_returns_the_stale_copy()
    {
        string url;
        using (var mirror = bookworm.StartMirror())
        {
            url = MirrorOf(mirror);
            await NewStore().GetAsync(url, Codename, Arch, CancellationToken.None);
        }
        _time.Advance(MaxAge + TimeSpan.FromDays(3));

        var stale = await NewStore().GetAsync(url, Codename, Arch, CancellationToken.None);

        Assert.Equal(Start, stale.FetchedAt);
        Assert.True(stale.Count > 50000);
        Assert.NotNull(stale.Find("jq"));
    }

    [Fact]
    public async Task When_the_mirror_is_down_after_max_age_the_same_store_returns_the_stale_copy()
    {
        var store = NewStore();
        string url;
        using (var mirror = bookworm.StartMirror())
        {
            url = MirrorOf(mirror);
            await store.GetAsync(url, Codename, Arch, CancellationToken.None);
        }
        _time.Advance(MaxAge + TimeSpan.FromMinutes(1));

        var stale = await store.GetAsync(url, Codename, Arch, CancellationToken.None);

        Assert.Equal(Start, stale.FetchedAt);
        Assert.NotNull(stale.Find("jq"));
    }

    [Fact]
    public async Task When_the_mirror_answers_errors_after_max_age_the_stale_copy_is_returned()
    {
        using var mirror = bookworm.StartMirror();
        await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        mirror.Failing = true;
        _time.Advance(MaxAge + TimeSpan.FromMinutes(1));

        var stale = await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.Equal(Start, stale.FetchedAt);
        Assert.NotNull(stale.Find("jq"));
    }

    [Fact]
    public async Task When_the_mirror_is_down_and_nothing_is_cached_the_request_error_is_thrown()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => NewStore().GetAsync(UnreachableMirror(), Codename, Arch, CancellationToken.None));

        Assert.Empty(CachedFiles("Packages.gz"));
    }

    [Fact]
    public async Task When_the_mirror_answers_an_error_and_nothing_is_cached_the_request_error_is_thrown()
    {
        using var mirror = bookworm.StartMirror();
        mirror.Failing = true;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_remembered_the_next_get_tries_again()
    {
        using var mirror = bookworm.StartMirror();
        mirror.Failing = true;
        var store = NewStore();
        await Assert.ThrowsAsync<HttpRequestException>(() => store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));
        mirror.Failing = false;

        var index = await store.GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.NotNull(index.Find("jq"));
    }

    [Fact]
    public async Task One_get_asks_a_failing_mirror_once()
    {
        using var mirror = bookworm.StartMirror();
        mirror.Failing = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None));

        Assert.Equal(1, mirror.RequestsFor(DebianBookwormIndex.InReleasePath));
    }

    [Fact]
    public async Task One_get_asks_a_failing_mirror_once_before_falling_back_to_the_stale_copy()
    {
        using var mirror = bookworm.StartMirror();
        await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);
        mirror.Failing = true;
        _time.Advance(MaxAge + TimeSpan.FromMinutes(1));

        await NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None);

        Assert.Equal(2, mirror.RequestsFor(DebianBookwormIndex.InReleasePath));
    }

    [Fact]
    public async Task Stores_sharing_a_cache_directory_can_fetch_at_the_same_time()
    {
        using var mirror = bookworm.StartMirror();

        // One store per process, as two builds sharing a cache directory have.
        var indexes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewStore().GetAsync(MirrorOf(mirror), Codename, Arch, CancellationToken.None)));

        Assert.All(indexes, i => Assert.NotNull(i.Find("jq")));
        Assert.Equal(bookworm.PackagesGz, await File.ReadAllBytesAsync(Assert.Single(CachedFiles("Packages.gz"))));
    }
}
