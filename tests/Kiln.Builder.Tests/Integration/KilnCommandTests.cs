using Kiln.Builder.Processes;

namespace Kiln.Builder.Tests.Integration;

/// <summary>The kiln command as a user runs it: a separate process, its exit code and what it prints.</summary>
[Collection(ImageBuilds.Name)]
public sealed class KilnCommandTests(ImageBuildFixture fixture)
{
    private static readonly string KilnDll = Path.Combine(AppContext.BaseDirectory, "kiln.dll");

    [Fact]
    public async Task Formats_lists_every_format()
    {
        var (code, output) = await RunAsync("formats");
        Assert.Equal(0, code);
        foreach (var format in ImageBuildFixture.AllFormats)
            Assert.Contains(format, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_help_documents_every_option()
    {
        var (code, output) = await RunAsync("build", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--format", "--output", "--overwrite", "--mirror", "--cache", "--cache-size", "--work-dir", "--report" })
            Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_of_an_invalid_definition_exits_2_naming_each_field()
    {
        var definition = Path.Combine(Directory.CreateTempSubdirectory("kiln-cli-").FullName, "bad.json");
        await File.WriteAllTextAsync(definition, """
            { "name": "bad", "os": { "distribution": "gentoo", "release": "12" },
              "installProfile": { "diskSize": 2048, "users": [ { "name": "Root User" } ] } }
            """);

        var (code, output) = await RunAsync("build", definition, "--format", "qcow2", "--output", Path.Combine(ImageBuildFixture.Root, "never"));

        Assert.Equal(2, code);
        Assert.Contains("os.distribution", output, StringComparison.Ordinal);
        Assert.Contains("gentoo", output, StringComparison.Ordinal);
        Assert.Contains("installProfile.users[0].name", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_with_an_unknown_field_exits_2_naming_it()
    {
        var definition = Path.Combine(Directory.CreateTempSubdirectory("kiln-cli-").FullName, "typo.json");
        await File.WriteAllTextAsync(definition, """{ "name": "typo", "installProfile": { "hostName": "x" } }""");

        var (code, output) = await RunAsync("build", definition, "-f", "qcow2", "-o", Path.Combine(ImageBuildFixture.Root, "never"));

        Assert.Equal(2, code);
        Assert.Contains("hostName", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_prints_each_artefact_with_size_and_sha256_and_reuses_the_cached_base()
    {
        var output = Path.Combine(ImageBuildFixture.Root, "out-cli");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        var definition = Path.Combine(Directory.CreateTempSubdirectory("kiln-cli-").FullName, "web.json");
        await File.WriteAllTextAsync(definition, Appliances.ApplianceReader.Serialize(TestAppliances.Web(name: "cli")));

        var (code, printed) = await RunAsync("build", definition, "--format", "qcow2,vdi", "--output", output,
            "--cache", fixture.Options.CacheDirectory, "--work-dir", fixture.Options.WorkDirectory);

        Assert.True(code == 0, printed);
        Assert.Matches(@"qcow2\s+\S+/cli-1\.0\.qcow2\s+[0-9.]+ MiB\s+sha256:[0-9a-f]{64}", printed);
        Assert.Matches(@"vdi\s+\S+/cli-1\.0\.vdi\s+[0-9.]+ MiB\s+sha256:[0-9a-f]{64}", printed);
        Assert.Contains("reused from cache", printed, StringComparison.Ordinal);

        var (again, refused) = await RunAsync("build", definition, "-f", "qcow2", "-o", output, "--cache", fixture.Options.CacheDirectory);
        Assert.Equal(2, again);
        Assert.Contains("already exists", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftovers_of_a_killed_build_are_swept_by_the_next_build()
    {
        var output = Path.Combine(ImageBuildFixture.Root, "out-killed");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        var definition = Path.Combine(Directory.CreateTempSubdirectory("kiln-cli-").FullName, "web.json");
        await File.WriteAllTextAsync(definition, Appliances.ApplianceReader.Serialize(TestAppliances.Web(name: "killed")));
        string[] arguments = [KilnDll, "build", definition, "-f", "vmdk", "-o", output, "--cache", fixture.Options.CacheDirectory, "--work-dir", fixture.Options.WorkDirectory];

        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using (var kiln = System.Diagnostics.Process.Start(start)!)
        {
            while (await kiln.StandardOutput.ReadLineAsync() is { } line && !line.Contains("convert:", StringComparison.Ordinal)) { }
            kiln.Kill(); // SIGKILL: no cleanup runs
            await kiln.WaitForExitAsync();
        }
        Assert.NotEmpty(Directory.EnumerateDirectories(output, ".kiln-partial-*"));
        Assert.NotEmpty(Directory.EnumerateDirectories(fixture.Options.WorkDirectory, "build-*"));

        var (code, printed) = await RunAsync([.. arguments[1..], "--overwrite"]);

        Assert.True(code == 0, printed);
        Assert.Equal(["killed-1.0.vmdk"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateDirectories(fixture.Options.WorkDirectory, "build-*"));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var result = await new ProcessRunner().RunAsync(
            new ToolInvocation("dotnet", [KilnDll, .. arguments]) { AcceptedExitCodes = [.. Enumerable.Range(0, 256)] },
            CancellationToken.None);
        return (result.ExitCode, result.StandardOutput + result.StandardErrorTail);
    }
}
