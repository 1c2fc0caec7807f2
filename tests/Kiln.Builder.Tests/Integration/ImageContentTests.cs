namespace Kiln.Builder.Tests.Integration;

/// <summary>What the definition asked for is in the built root file system, read with debugfs from the raw disk.</summary>
[Collection(ImageBuilds.Name)]
public sealed class ImageContentTests(ImageBuildFixture fixture)
{
    private RootFileSystem Root => new(fixture.BiosArtefact("raw"), ImageBuildFixture.RootOffset);

    [Fact]
    public async Task Hostname_and_hosts_name_the_appliance()
    {
        Assert.Equal("kilntest-host\n", await Root.CatAsync("/etc/hostname"));
        Assert.Contains("127.0.1.1\tkilntest-host", await Root.CatAsync("/etc/hosts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fstab_mounts_root_and_swap_by_the_planned_uuids()
    {
        var fstab = await Root.CatAsync("/etc/fstab");
        Assert.Contains($"UUID={fixture.BiosIds.RootFsUuid} / ext4", fstab, StringComparison.Ordinal);
        Assert.Contains($"UUID={fixture.BiosIds.SwapUuid} none swap", fstab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_exist_with_hashed_passwords_that_match()
    {
        var passwd = await Root.CatAsync("/etc/passwd");
        Assert.Contains("ops:x:", passwd, StringComparison.Ordinal);
        Assert.Contains(":Operations:/home/ops:/bin/bash", passwd, StringComparison.Ordinal);
        Assert.Contains("deploy:x:", passwd, StringComparison.Ordinal);

        var shadow = (await Root.CatAsync("/etc/shadow")).Split('\n').Select(l => l.Split(':')).Where(f => f.Length > 2).ToDictionary(f => f[0], f => f[1]);
        Assert.DoesNotContain(TestAppliances.OpsPassword, shadow["ops"], StringComparison.Ordinal);
        Assert.Equal(shadow["ops"], await CryptAsync(TestAppliances.OpsPassword, shadow["ops"]));
        Assert.Equal(shadow["root"], await CryptAsync(TestAppliances.RootPassword, shadow["root"]));
        Assert.NotEqual(shadow["root"], await CryptAsync("wrong", shadow["root"]));
        Assert.StartsWith("!", shadow["deploy"], StringComparison.Ordinal); // no password: locked, key only

        var group = await Root.CatAsync("/etc/group");
        Assert.Matches("(?m)^adm:x:4:.*ops", group);
    }

    [Fact]
    public async Task Ssh_keys_belong_to_their_user_and_sudo_rules_follow_passwords()
    {
        Assert.Contains("ops@example", await Root.CatAsync("/home/ops/.ssh/authorized_keys"), StringComparison.Ordinal);
        var listing = await Root.ListAsync("/home/ops/.ssh");
        Assert.Matches(@"100600 \(1\)\s+1000\s+1000\s+\d+ .*authorized_keys", listing);
        Assert.Equal("ops ALL=(ALL:ALL) ALL\n", await Root.CatAsync("/etc/sudoers.d/90-kiln-ops"));
        Assert.Equal("deploy ALL=(ALL:ALL) NOPASSWD: ALL\n", await Root.CatAsync("/etc/sudoers.d/90-kiln-deploy"));
    }

    [Fact]
    public async Task Extra_package_and_implied_packages_are_installed()
    {
        Assert.Contains("Type: regular", await Root.StatAsync("/usr/bin/jq"), StringComparison.Ordinal);
        Assert.Contains("Type: regular", await Root.StatAsync("/usr/bin/sudo"), StringComparison.Ordinal);
        Assert.Contains("Type: regular", await Root.StatAsync("/usr/sbin/sshd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_zone_keyboard_motd_and_machine_identity_are_set()
    {
        Assert.Contains("Fast link dest: \"/usr/share/zoneinfo/Europe/Paris\"", await Root.StatAsync("/etc/localtime"), StringComparison.Ordinal);
        Assert.Equal("Europe/Paris\n", await Root.CatAsync("/etc/timezone"));
        Assert.Contains("XKBLAYOUT=\"fr\"", await Root.CatAsync("/etc/default/keyboard"), StringComparison.Ordinal);
        Assert.Equal("Welcome to the Kiln test appliance\n", await Root.CatAsync("/etc/motd"));
        Assert.Equal("", await Root.CatAsync("/etc/machine-id"));
        Assert.DoesNotContain("ssh_host_", await Root.ListAsync("/etc/ssh"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boot_scripts_and_their_units_are_installed_and_enabled()
    {
        Assert.Contains("echo seeded > /var/lib/kiln-seed", await Root.CatAsync("/usr/lib/kiln/firstboot.d/01-seed"), StringComparison.Ordinal);
        Assert.Contains("echo boot >> /var/lib/kiln-boots", await Root.CatAsync("/usr/lib/kiln/everyboot.d/02-count"), StringComparison.Ordinal);
        var wants = await Root.ListAsync("/etc/systemd/system/multi-user.target.wants");
        foreach (var unit in new[] { "kiln-firstboot.service", "kiln-everyboot.service", "kiln-ssh-hostkeys.service", "systemd-networkd.service" })
            Assert.Contains(unit, wants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_lists_the_installed_packages_as_the_images_dpkg_sees_them()
    {
        var packages = fixture.Bios.Packages.ToDictionary(p => p.Name);
        Assert.Contains("jq", packages.Keys);
        Assert.Contains("openssh-server", packages.Keys);
        Assert.Contains(packages.Keys, name => name.StartsWith("linux-image-6.", StringComparison.Ordinal));
        var status = await Root.CatAsync("/var/lib/dpkg/status");
        Assert.Contains($"Package: jq\nStatus: install ok installed", status, StringComparison.Ordinal);
        Assert.Contains($"Version: {packages["jq"].Version}\n", status, StringComparison.Ordinal);
    }

    /// <summary>libcrypt through perl: the same function login uses, so a match proves the password works.</summary>
    private static async Task<string> CryptAsync(string password, string hash) =>
        (await HostTool.RunAsync("perl", "-e", "print crypt($ARGV[0], $ARGV[1])", password, hash)).TrimEnd();
}
