using Kiln.Builder.Appliances;
using Kiln.Builder.Processes;
using Kiln.Builder.Stages;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class BootUnitsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _tree;

    public BootUnitsTests()
    {
        _tree = _temp.Combine("tree");
        Directory.CreateDirectory(_tree);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Scripts_are_written_executable_numbered_in_definition_order_under_their_kind()
    {
        BootUnits.Write(_tree, Appliance(
            new() { Name = "seed", Type = "firstboot", Script = "echo seed" },
            new() { Name = "stamp", Type = "everyboot", Script = "date" },
            new() { Name = "web", Type = "firstboot", Script = "echo web" }));

        Assert.Equal(["01-seed", "03-web"], Names("usr/lib/kiln/firstboot.d"));
        Assert.Equal(["02-stamp"], Names("usr/lib/kiln/everyboot.d"));
        Assert.All(Directory.EnumerateFiles(Path.Combine(_tree, "usr/lib/kiln"), "*", SearchOption.AllDirectories),
            f => Assert.Equal(TreeFiles.Executable, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void A_script_gets_a_shell_line_if_it_has_none_and_unix_line_endings()
    {
        BootUnits.Write(_tree, Appliance(
            new() { Name = "plain", Type = "firstboot", Script = "echo a\r\necho b\r\n\r\n" },
            new() { Name = "python", Type = "firstboot", Script = "#!/usr/bin/python3\nprint(1)" }));

        Assert.Equal("#!/bin/sh\necho a\necho b\n", Read("usr/lib/kiln/firstboot.d/01-plain"));
        Assert.Equal("#!/usr/bin/python3\nprint(1)\n", Read("usr/lib/kiln/firstboot.d/02-python"));
    }

    [Fact]
    public void Firstboot_unit_runs_the_runner_with_the_appliance_name_and_is_always_enabled()
    {
        var units = BootUnits.Write(_tree, Appliance());

        Assert.Equal([BootUnits.FirstBootUnit], units);
        var unit = Read("etc/systemd/system/kiln-firstboot.service");
        Assert.Contains("ExecStart=/usr/lib/kiln/kiln-boot-scripts firstboot web\n", unit, StringComparison.Ordinal);
        Assert.Contains("ConditionPathExists=!/var/lib/kiln/firstboot.done\n", unit, StringComparison.Ordinal);
        Assert.Contains("WantedBy=multi-user.target\n", unit, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_tree, "etc/systemd/system", BootUnits.EveryBootUnit)));
    }

    [Fact]
    public void Everyboot_unit_is_written_and_enabled_only_with_everyboot_scripts()
    {
        var firstOnly = BootUnits.Write(_tree, Appliance(new BootScript { Name = "a", Type = "firstboot", Script = "true" }));
        Assert.DoesNotContain(BootUnits.EveryBootUnit, firstOnly);

        var units = BootUnits.Write(_tree, Appliance(new BootScript { Name = "b", Type = "everyboot", Script = "true" }));

        Assert.Equal([BootUnits.FirstBootUnit, BootUnits.EveryBootUnit], units);
        Assert.Contains("ExecStart=/usr/lib/kiln/kiln-boot-scripts everyboot\n", Read("etc/systemd/system/kiln-everyboot.service"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_script_is_executable_valid_shell()
    {
        BootUnits.Write(_tree, Appliance());
        var runner = Path.Combine(_tree, "usr/lib/kiln/kiln-boot-scripts");

        Assert.Equal(TreeFiles.Executable, File.GetUnixFileMode(runner));
        Assert.StartsWith("#!/bin/sh\n", Read("usr/lib/kiln/kiln-boot-scripts"), StringComparison.Ordinal);
        await new ProcessRunner().RunAsync(new ToolInvocation("sh", ["-n", runner]), CancellationToken.None);
    }

    [Fact]
    public void With_an_ssh_server_the_baked_host_keys_are_removed_and_the_hostkeys_unit_is_enabled()
    {
        _temp.WriteFile("tree/etc/ssh/sshd_config", "PermitRootLogin no\n");
        _temp.WriteFile("tree/etc/ssh/ssh_host_ed25519_key", "private");
        _temp.WriteFile("tree/etc/ssh/ssh_host_ed25519_key.pub", "public");
        _temp.WriteFile("tree/etc/ssh/ssh_host_rsa_key", "private");

        var units = BootUnits.Write(_tree, Appliance());

        Assert.Equal(["sshd_config"], Names("etc/ssh"));
        Assert.Equal([BootUnits.FirstBootUnit, BootUnits.SshHostKeysUnit], units);
        var unit = Read("etc/systemd/system/kiln-ssh-hostkeys.service");
        Assert.Contains("ExecStart=/usr/bin/ssh-keygen -A\n", unit, StringComparison.Ordinal);
        Assert.Contains("Before=ssh.service\n", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_ssh_server_there_is_no_hostkeys_unit()
    {
        var units = BootUnits.Write(_tree, Appliance());

        Assert.DoesNotContain(BootUnits.SshHostKeysUnit, units);
        Assert.False(File.Exists(Path.Combine(_tree, "etc/systemd/system", BootUnits.SshHostKeysUnit)));
    }

    private static ApplianceDefinition Appliance(params BootScript[] scripts) => SampleAppliances.Valid(bootScripts: scripts);

    private string Read(string relative) => File.ReadAllText(Path.Combine(_tree, relative));

    private List<string> Names(string relative) =>
        [.. Directory.EnumerateFileSystemEntries(Path.Combine(_tree, relative)).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];
}
