namespace Kiln.Builder.Tests.Integration;

/// <summary>The images boot under QEMU (TCG) and reach the first-boot marker on the serial console.</summary>
[Collection(ImageBuilds.Name)]
public sealed class BootTests(ImageBuildFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Fact]
    public Task Bios_qcow2_boots_to_the_first_boot_marker() =>
        AssertBootsAsync(fixture.BiosArtefact("qcow2"), "qcow2", uefi: false);

    [Fact]
    public async Task Bios_vmdk_from_the_ova_boots_to_the_first_boot_marker() =>
        await AssertBootsAsync(await OvaFiles.ExtractDiskAsync(fixture.BiosArtefact("ova"), Path.Combine(ImageBuildFixture.Root, "ova-bios-boot")),
            "vmdk", uefi: false);

    [Fact]
    public Task Uefi_qcow2_boots_to_the_first_boot_marker() =>
        AssertBootsAsync(fixture.UefiArtefact("qcow2"), "qcow2", uefi: true);

    [Fact]
    public async Task Uefi_vmdk_from_the_ova_boots_to_the_first_boot_marker() =>
        await AssertBootsAsync(await OvaFiles.ExtractDiskAsync(fixture.UefiArtefact("ova"), Path.Combine(ImageBuildFixture.Root, "ova-uefi-boot")),
            "vmdk", uefi: true);

    private static async Task AssertBootsAsync(string image, string format, bool uefi)
    {
        // The login prompt carries the host name the running system took from the image.
        var (seen, log, elapsed) = await QemuBoot.BootAsync(image, format, uefi, ["KILN-BOOT-OK kilntest", "kilntest-host login:"], Limit);
        Assert.True(seen, $"no KILN-BOOT-OK and login prompt within {Limit.TotalSeconds} s; serial console ended with:\n{Tail(log)}");
        Assert.True(elapsed < Limit);
        Assert.DoesNotContain("KILN-BOOTSCRIPT-FAILED", log, StringComparison.Ordinal);
    }

    private static string Tail(string log) => log.Length > 3000 ? log[^3000..] : log;
}
