using Kiln.Builder.Appliances;
using Kiln.Builder.Cache;

namespace Kiln.Builder.Tests.Integration;

/// <summary>Builds that fail or are cancelled leave nothing behind; bad definitions never start a tool.</summary>
[Collection(ImageBuilds.Name)]
public sealed class BuildLifecycleTests(ImageBuildFixture fixture)
{
    [Fact]
    public async Task Invalid_definition_fails_naming_the_fields_before_any_tool_starts()
    {
        var runner = new CountingRunner();
        var builder = new ImageBuilder(fixture.Options, runner);
        var web = TestAppliances.Web();
        var invalid = new ApplianceDefinition
        {
            Name = web.Name, Os = web.Os, Boot = "floppy",
            InstallProfile = new InstallProfile { DiskSize = 2048, Hostname = "bad_host!", Keyboard = "klingon", Timezone = "Mars/Olympus" },
        };
        var output = NewOutput();

        var error = await Assert.ThrowsAsync<ApplianceValidationException>(() =>
            builder.BuildAsync(new BuildRequest(invalid, ["qcow2", "iso9660"], output), null, CancellationToken.None));

        Assert.Equal(["boot", "format", "installProfile.hostname", "installProfile.keyboard", "installProfile.timezone"],
            error.Errors.Select(e => e.Field).Order());
        Assert.Empty(runner.Started);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Disk_too_small_for_the_cached_tree_says_how_much_is_needed_before_any_tool_starts()
    {
        var runner = new CountingRunner();
        var builder = new ImageBuilder(fixture.Options, runner);
        var web = TestAppliances.Web();
        var small = new ApplianceDefinition { Name = web.Name, Os = web.Os, InstallProfile = new InstallProfile { DiskSize = 700, SwapSize = 0 } };

        var error = await Assert.ThrowsAsync<ApplianceValidationException>(() =>
            builder.BuildAsync(new BuildRequest(small, ["qcow2"], NewOutput()), null, CancellationToken.None));

        var diskSize = Assert.Single(error.Errors);
        Assert.Equal("installProfile.diskSize", diskSize.Field);
        Assert.Matches("700 MB is too small: at least [0-9]+ MB is needed", diskSize.Message);
        Assert.Empty(runner.Started);
    }

    [Fact]
    public async Task Unknown_package_is_refused_with_suggestions_before_anything_is_bootstrapped()
    {
        var runner = new CountingRunner();
        var builder = new ImageBuilder(fixture.Options, runner);
        var web = TestAppliances.Web(name: "typo");
        var typo = new ApplianceDefinition
        {
            Name = web.Name, InstallProfile = web.InstallProfile,
            Os = new OsProfileSpec { Distribution = "debian", Release = "12", Packages = ["jq", "nginxx"] },
        };

        var error = await Assert.ThrowsAsync<ApplianceValidationException>(() =>
            builder.BuildAsync(new BuildRequest(typo, ["qcow2"], NewOutput()), null, CancellationToken.None));

        var package = Assert.Single(error.Errors);
        Assert.Equal("os.packages[1]", package.Field);
        Assert.Contains("has no package 'nginxx'; did you mean nginx", package.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mmdebstrap", runner.Started);
    }

    [Fact]
    public async Task Build_cancelled_during_conversion_leaves_no_files_and_no_tools_running()
    {
        var output = NewOutput();
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAt(cancel, p => p.Stage == "convert");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Builder.BuildAsync(new BuildRequest(TestAppliances.Web(name: "cancelled"), ["vmdk", "qcow2", "tar.gz"], output), progress, cancel.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.Options.WorkDirectory, "build-*"));
        Assert.Empty(Processes.WithArgument(output));
    }

    [Fact]
    public async Task Build_cancelled_during_bootstrap_caches_nothing_and_leaves_no_staging_tree()
    {
        var options = new BuilderOptions { CacheDirectory = Path.Combine(ImageBuildFixture.Root, "cache-cancel"), WorkDirectory = fixture.Options.WorkDirectory };
        var builder = new ImageBuilder(options);
        var web = TestAppliances.Web(name: "cancelboot");
        var appliance = new ApplianceDefinition { Name = web.Name, Os = new OsProfileSpec { Distribution = "debian", Release = "12", Packages = ["hello"] }, InstallProfile = web.InstallProfile };
        var request = new BuildRequest(appliance, ["qcow2"], NewOutput());
        var key = builder.Plan(request).BaseKey;
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            builder.BuildAsync(request, new CancelAt(cancel, p => p.Stage == "bootstrap" && p.Message.Contains("download", StringComparison.Ordinal)), cancel.Token));

        Assert.Null(builder.Cache.Find(key));
        var staging = Path.Combine(options.CacheDirectory, "staging");
        Assert.True(!Directory.Exists(staging) || !Directory.EnumerateFileSystemEntries(staging).Any());
        Assert.Empty(Processes.WithArgument(options.CacheDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(request.OutputDirectory));
    }

    [Fact]
    public async Task Failing_tool_reports_stage_exit_code_and_stderr_and_leaves_nothing()
    {
        var options = new BuilderOptions
        {
            CacheDirectory = Path.Combine(ImageBuildFixture.Root, "cache-unreachable"),
            WorkDirectory = fixture.Options.WorkDirectory,
            Mirror = "http://127.0.0.1:9/debian", // nothing listens on the discard port
        };
        var builder = new ImageBuilder(options);
        var output = NewOutput();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
            builder.BuildAsync(new BuildRequest(TestAppliances.Web(name: "unreachable"), ["qcow2"], output), null, CancellationToken.None));

        Assert.Equal("bootstrap", error.Stage);
        Assert.Matches("mmdebstrap exited with code [1-9]", error.Message);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Cache.Entries());
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task Output_disk_filling_up_fails_the_conversion_and_leaves_no_partial_file()
    {
        var output = NewOutput();
        Directory.CreateDirectory(output);
        // A 64 MB file system for the output: the qcow2 (about 700 MB) cannot fit.
        await HostTool.RunAsync("mount", "-t", "tmpfs", "-o", "size=64m", "kiln-full", output);
        try
        {
            var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
                fixture.Builder.BuildAsync(new BuildRequest(TestAppliances.Web(name: "full"), ["qcow2"], output), null, CancellationToken.None));

            Assert.Equal("convert", error.Stage);
            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(output));
            Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.Options.WorkDirectory, "build-*"));
        }
        finally
        {
            await HostTool.RunAsync("umount", output);
        }
    }

    private static string NewOutput() => Path.Combine(ImageBuildFixture.Root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    private sealed class CancelAt(CancellationTokenSource source, Func<BuildProgress, bool> when) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (when(value))
                source.Cancel();
        }
    }
}
