using Kiln.Builder.Appliances;
using Kiln.Builder.Planning;
using Kiln.Builder.Stages;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class SystemSettingsTests : IDisposable
{
    private const string Header = "# <file system> <mount point> <type> <options> <dump> <pass>\n";
    private const string RootLine = "UUID=11111111-2222-3333-4444-555555555555 / ext4 errors=remount-ro 0 1\n";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Fstab_of_a_bios_image_with_swap_mounts_root_and_swap_by_uuid()
    {
        var fstab = SystemSettings.Fstab(Plan(swapSize: 256, boot: "bios"));

        Assert.Equal(Header + RootLine + "UUID=66666666-7777-8888-9999-aaaaaaaaaaaa none swap sw,nofail 0 0\n", fstab);
    }

    [Fact]
    public void Fstab_of_a_uefi_image_without_swap_mounts_the_efi_partition_by_its_volume_id()
    {
        var fstab = SystemSettings.Fstab(Plan(swapSize: 0, boot: "uefi"));

        Assert.Equal(Header + RootLine + "UUID=1234-ABCD /boot/efi vfat umask=0077,nofail 0 2\n", fstab);
    }

    [Fact]
    public void Hosts_maps_the_full_and_short_name_to_127_0_1_1()
    {
        Assert.Equal(
            "127.0.0.1\tlocalhost\n127.0.1.1\tweb.example.com web\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n",
            SystemSettings.Hosts("web.example.com", "web"));
        Assert.Contains("\n127.0.1.1\tweb\n", SystemSettings.Hosts("web", "web"), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_writes_the_identity_and_settings_and_forgets_the_machine_id()
    {
        var tree = _temp.Combine("tree");
        _temp.WriteFile("tree/usr/share/zoneinfo/Europe/Paris", "TZif2");
        _temp.WriteFile("tree/var/lib/dbus/machine-id", "0123456789abcdef\n");
        _temp.WriteFile("tree/etc/machine-id", "0123456789abcdef\n");
        var hostZone = _temp.WriteFile("host/localtime", "host zone");
        File.CreateSymbolicLink(Path.Combine(tree, "etc/localtime"), hostZone);

        SystemSettings.Apply(tree, Plan(swapSize: 0, boot: "bios", timezone: "Europe/Paris", hostname: "web.example.com", welcome: "Hello\n\n"));

        Assert.Equal("web.example.com\n", File.ReadAllText(Path.Combine(tree, "etc/hostname")));
        Assert.Equal("/usr/share/zoneinfo/Europe/Paris", new FileInfo(Path.Combine(tree, "etc/localtime")).LinkTarget);
        Assert.Equal("host zone", File.ReadAllText(hostZone));
        Assert.Equal("Europe/Paris\n", File.ReadAllText(Path.Combine(tree, "etc/timezone")));
        Assert.Contains("XKBLAYOUT=\"fr\"\n", File.ReadAllText(Path.Combine(tree, "etc/default/keyboard")), StringComparison.Ordinal);
        Assert.Equal("Hello\n", File.ReadAllText(Path.Combine(tree, "etc/motd")));
        Assert.Contains("DHCP=yes", File.ReadAllText(Path.Combine(tree, "etc/systemd/network/80-kiln-dhcp.network")), StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(Path.Combine(tree, "etc/machine-id")));
        Assert.False(File.Exists(Path.Combine(tree, "var/lib/dbus/machine-id")));
        Assert.StartsWith(Header + RootLine, File.ReadAllText(Path.Combine(tree, "etc/fstab")), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_refuses_a_time_zone_the_image_has_no_file_for()
    {
        var tree = _temp.Combine("tree");
        _temp.WriteFile("tree/usr/share/zoneinfo/Etc/UTC", "TZif2");

        var error = Assert.Throws<InvalidOperationException>(() => SystemSettings.Apply(tree, Plan(0, "bios", timezone: "Europe/Paris")));

        Assert.StartsWith("installProfile.timezone: the image has no zone file for 'Europe/Paris'", error.Message, StringComparison.Ordinal);
    }

    private static BuildPlan Plan(int swapSize, string boot, string timezone = "Etc/UTC", string hostname = "web", string? welcome = null)
    {
        var appliance = SampleAppliances.Valid(new InstallProfile
        {
            DiskSize = 2048, SwapSize = swapSize, Hostname = hostname, Timezone = timezone, Keyboard = "fr", WelcomeMsg = welcome,
        }, boot: boot);
        return BuildPlanner.Plan(new BuildRequest(appliance, ["qcow2"], "/out"), "http://deb.example.org/debian", DiskLayoutTests.Ids, DateTimeOffset.UnixEpoch);
    }
}
