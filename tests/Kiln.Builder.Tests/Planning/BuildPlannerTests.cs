using Kiln.Builder.Appliances;
using Kiln.Builder.Formats;
using Kiln.Builder.OsProfiles;
using Kiln.Builder.Planning;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class BuildPlannerTests
{
    private const string Mirror = "http://deb.example.org/debian";
    private static readonly OsProfile Minimal = OsProfileCatalog.FindRelease("debian", "12")!.FindProfile("minimal")!;

    [Fact]
    public void Stages_for_qcow2_and_ova_include_verify_and_package_and_convert_the_vmdk_the_ova_wraps()
    {
        var stages = BuildPlanner.StagesFor([TargetFormats.Qcow2, TargetFormats.Ova]);

        Assert.Equal(
            [new("bootstrap", 40), new("customize", 4), new("disk", 10), new("convert", 2 + 20), new("verify", 2), new("package", 3), new("checksum", 4)],
            stages);
    }

    [Fact]
    public void Stages_for_tar_gz_only_have_no_verify_and_no_package_stage()
    {
        var stages = BuildPlanner.StagesFor([TargetFormats.TarGz]);

        Assert.Equal(
            [new("bootstrap", 40), new("customize", 4), new("disk", 10), new("convert", 15), new("checksum", 2)],
            stages);
    }

    [Fact]
    public void Stages_for_ova_with_vmdk_count_the_vmdk_conversion_once()
    {
        var stages = BuildPlanner.StagesFor([TargetFormats.Vmdk, TargetFormats.Ova]);

        Assert.Equal(20, stages.Single(s => s.Name == StageNames.Convert).Weight);
        Assert.Equal(4, stages.Single(s => s.Name == StageNames.Checksum).Weight);
    }

    [Fact]
    public void Stages_for_uncheckable_disk_formats_have_no_verify_stage()
    {
        var names = BuildPlanner.StagesFor([TargetFormats.Raw, TargetFormats.Vhd]).Select(s => s.Name);

        Assert.Equal(["bootstrap", "customize", "disk", "convert", "checksum"], names);
    }

    [Fact]
    public void PackagesFor_is_the_sorted_union_of_profile_and_appliance_packages()
    {
        var appliance = SampleAppliances.Valid(os: new OsProfileSpec
        {
            Distribution = "debian", Release = "12", Profile = "minimal", Packages = ["jq", "udev", "curl"],
        });

        var packages = BuildPlanner.PackagesFor(appliance, Minimal);

        Assert.Equal([.. Minimal.Packages.Append("jq").Append("curl").Order(StringComparer.Ordinal)], packages);
        Assert.DoesNotContain("sudo", packages);
        Assert.DoesNotContain("openssh-server", packages);
    }

    [Fact]
    public void PackagesFor_adds_sudo_for_a_sudo_user_and_openssh_server_for_ssh_keys()
    {
        var sudoer = SampleAppliances.Valid(new InstallProfile { Users = [new UserAccount { Name = "ops", Sudo = true }] });
        var keyed = SampleAppliances.Valid(new InstallProfile { Users = [new UserAccount { Name = "ops", SshKeys = [SampleAppliances.EdKey] }] });
        var rootKeyed = SampleAppliances.Valid(new InstallProfile { RootUser = new RootUser { SshKeys = [SampleAppliances.EdKey] } });

        Assert.Contains("sudo", BuildPlanner.PackagesFor(sudoer, Minimal));
        Assert.DoesNotContain("openssh-server", BuildPlanner.PackagesFor(sudoer, Minimal));
        Assert.Contains("openssh-server", BuildPlanner.PackagesFor(keyed, Minimal));
        Assert.DoesNotContain("sudo", BuildPlanner.PackagesFor(keyed, Minimal));
        Assert.Contains("openssh-server", BuildPlanner.PackagesFor(rootKeyed, Minimal));
    }

    [Fact]
    public void KernelCommandLine_mounts_root_by_uuid_ends_consoles_on_ttyS0_and_appends_the_parameters()
    {
        var ids = DiskLayoutTests.Ids;

        Assert.Equal(
            "root=UUID=11111111-2222-3333-4444-555555555555 ro console=tty0 console=ttyS0,115200",
            BuildPlanner.KernelCommandLine(ids, null));
        Assert.Equal(
            "root=UUID=11111111-2222-3333-4444-555555555555 ro console=tty0 console=ttyS0,115200 quiet net.ifnames=0",
            BuildPlanner.KernelCommandLine(ids, "  quiet net.ifnames=0 "));
        Assert.Equal(BuildPlanner.KernelCommandLine(ids, null), BuildPlanner.KernelCommandLine(ids, "   "));
    }

    [Fact]
    public void Plan_decides_layout_formats_key_and_names_from_the_request()
    {
        var appliance = SampleAppliances.Valid(new InstallProfile
        {
            DiskSize = 2048, SwapSize = 256, Hostname = "web", Timezone = "Etc/UTC", KernelParameters = "quiet",
        }, boot: "uefi");
        var timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var plan = BuildPlanner.Plan(new BuildRequest(appliance, ["QCOW2", "ova", "qcow2"], "/out"), Mirror, DiskLayoutTests.Ids, timestamp);

        Assert.Equal([TargetFormats.Qcow2, TargetFormats.Ova], plan.Formats);
        Assert.True(plan.Uefi);
        Assert.Equal(DiskLayout.Create(2048, 256, uefi: true).Partitions, plan.Layout.Partitions);
        Assert.Equal("amd64", plan.Architecture);
        Assert.Equal("bookworm", plan.BaseKey.Codename);
        Assert.Equal(Mirror, plan.BaseKey.Mirror);
        Assert.Equal(plan.Packages, plan.BaseKey.Packages);
        Assert.EndsWith("console=ttyS0,115200 quiet", plan.KernelCommandLine, StringComparison.Ordinal);
        Assert.Equal("web-1.0", plan.ArtefactBaseName);
        Assert.Equal("web-1.0.qcow2", plan.ArtefactFileName(TargetFormats.Qcow2));
        Assert.Equal(BuildPlanner.StagesFor(plan.Formats), plan.Stages);
        Assert.Equal(timestamp, plan.Timestamp);
    }

    [Fact]
    public void Plan_rejects_an_invalid_appliance_before_deciding_anything()
    {
        var appliance = SampleAppliances.Valid(new InstallProfile { DiskSize = 500, Hostname = "web", Timezone = "Etc/UTC" });

        var error = Assert.Throws<ApplianceValidationException>(() =>
            BuildPlanner.Plan(new BuildRequest(appliance, ["qcow2"], "/out"), Mirror, DiskLayoutTests.Ids, DateTimeOffset.UnixEpoch));

        Assert.Equal("installProfile.diskSize", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void Plan_checks_the_disk_against_a_known_cached_tree_size_for_its_key()
    {
        var appliance = SampleAppliances.Valid(new InstallProfile { DiskSize = 1200, Hostname = "web", Timezone = "Etc/UTC" });
        var request = new BuildRequest(appliance, ["qcow2"], "/out");
        string? askedKey = null;

        var error = Assert.Throws<ApplianceValidationException>(() => BuildPlanner.Plan(request, Mirror, DiskLayoutTests.Ids,
            DateTimeOffset.UnixEpoch, key => { askedKey = key.Value; return 1000; }));
        var plan = BuildPlanner.Plan(request, Mirror, DiskLayoutTests.Ids, DateTimeOffset.UnixEpoch, _ => 500);

        Assert.Contains("at least 1357 MB", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(plan.BaseKey.Value, askedKey);
    }
}
