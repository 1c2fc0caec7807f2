using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>grub-mkstandalone</c>. Makes one EFI executable holding GRUB, its modules and its configuration.</summary>
public static class GrubMkstandalone
{
    private const string Modules = "part_gpt part_msdos fat search search_fs_uuid linux normal serial terminal echo test gzio";

    public static ToolInvocation Build(string output, string embeddedConfig) =>
        new("grub-mkstandalone",
        [
            "--format=x86_64-efi",
            "--output=" + output,
            "--modules=" + Modules,
            "--locales=",
            "--themes=",
            "--fonts=",
            "boot/grub/grub.cfg=" + embeddedConfig,
        ]);

    /// <summary>Finds the ESP by its FAT volume id and boots the kernel stored there.</summary>
    public static string Config(string bootVolumeUuid, string kernelCommandLine) =>
        "set timeout=0\n" +
        "serial --unit=0 --speed=115200\n" +
        "terminal_input serial console\n" +
        "terminal_output serial console\n" +
        $"search --no-floppy --fs-uuid --set=root {bootVolumeUuid}\n" +
        $"linux /vmlinuz {kernelCommandLine}\n" +
        "initrd /initrd.img\n" +
        "boot\n";
}
