using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

[Collection(DebianBookwormGroup.Name)]
public sealed class PackageCheckTests(DebianBookwormIndex bookworm) : IDisposable
{
    private static readonly PackageIndex Web = PackageIndexTests.Index(
        "nginx-extras", "nginx", "libnginx-mod-http-geoip", "nginx-common", "nginx-core", "nginx-light", "apache2", "jq", "libjq1",
        "postgresql", "postgresql-15", "qqq-tools");

    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_typo_at_the_end_suggests_up_to_three_names_sharing_the_longest_prefix()
    {
        var close = PackageCheck.CloseNames(Web, "nginxx");

        Assert.Equal(["nginx", "nginx-common", "nginx-core"], close);
        Assert.All(close, n => Assert.StartsWith("nginx", n, StringComparison.Ordinal));
    }

    [Fact]
    public void A_longer_shared_prefix_wins_over_a_shorter_one()
    {
        Assert.Equal(["nginx-common", "nginx-core"], PackageCheck.CloseNames(Web, "nginx-cx"));
        Assert.Equal(["postgresql-15"], PackageCheck.CloseNames(Web, "postgresql-16"));
    }

    [Fact]
    public void A_part_of_a_name_suggests_the_names_containing_it()
    {
        Assert.Equal(["libnginx-mod-http-geoip", "nginx", "nginx-common"], PackageCheck.CloseNames(Web, "ginx"));
        Assert.Equal(["jq", "libjq1"], PackageCheck.CloseNames(Web, "jq"));
    }

    [Fact]
    public void Suggestions_need_a_shared_prefix_of_three_characters()
    {
        Assert.Equal(["qqq-tools"], PackageCheck.CloseNames(Web, "qqqz"));
        Assert.Empty(PackageCheck.CloseNames(Web, "qqz"));
        Assert.Empty(PackageCheck.CloseNames(Web, "zzzzzz"));
        Assert.Empty(PackageCheck.CloseNames(Web, "xy"));
    }

    [Fact]
    public async Task Unknown_appliance_packages_are_rejected_with_suggestions_from_the_signed_index()
    {
        using var mirror = bookworm.StartMirror();
        var plan = PlanWith(mirror.Url + "debian", "jq", "nginxx", "curl", "no-such-package-at-all");

        var error = await Assert.ThrowsAsync<ApplianceValidationException>(
            () => PackageCheck.ThrowIfUnknownAsync(plan, Store(), CancellationToken.None));

        Assert.Equal(["os.packages[1]", "os.packages[3]"], error.Errors.Select(e => e.Field));
        Assert.StartsWith("debian 12 (bookworm) has no package 'nginxx'; did you mean nginx", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("debian 12 (bookworm) has no package 'no-such-package-at-all'", error.Errors[1].Message);
    }

    [Fact]
    public async Task Known_appliance_packages_pass()
    {
        using var mirror = bookworm.StartMirror();

        await PackageCheck.ThrowIfUnknownAsync(PlanWith(mirror.Url + "debian", "jq", "curl", "openssh-server"), Store(), CancellationToken.None);

        Assert.Equal(1, mirror.RequestsFor(DebianBookwormIndex.PackagesPath));
    }

    [Fact]
    public async Task No_appliance_packages_fetch_nothing()
    {
        using var mirror = bookworm.StartMirror();

        await PackageCheck.ThrowIfUnknownAsync(PlanWith(mirror.Url + "debian"), Store(), CancellationToken.None);

        Assert.Equal(0, mirror.TotalRequests);
    }

    [Fact]
    public async Task The_check_is_skipped_when_the_mirror_is_unreachable()
    {
        string url;
        using (var down = new FakeMirror())
            url = down.Url;

        await PackageCheck.ThrowIfUnknownAsync(PlanWith(url + "debian", "no-such-package-at-all"), Store(), CancellationToken.None);
    }

    [Fact]
    public async Task The_check_is_skipped_when_the_release_signature_is_bad()
    {
        using var mirror = bookworm.StartMirror(inRelease: bookworm.TamperedInRelease());

        await PackageCheck.ThrowIfUnknownAsync(PlanWith(mirror.Url + "debian", "no-such-package-at-all"), Store(), CancellationToken.None);

        Assert.Equal(0, mirror.RequestsFor(DebianBookwormIndex.PackagesPath));
    }

    private PackageIndexStore Store() => new(_temp.Path, new ProcessRunner(), _http);

    private static BuildPlan PlanWith(string mirror, params string[] packages) =>
        BuildPlanner.Plan(
            new BuildRequest(SampleAppliances.Valid(os: new OsProfileSpec { Distribution = "debian", Release = "12", Arch = "x86_64", Profile = "minimal", Packages = packages }),
                ["raw"], "/out"),
            mirror, DiskLayoutTests.Ids, DateTimeOffset.UnixEpoch);
}
