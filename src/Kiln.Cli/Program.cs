using System.CommandLine;
using Kiln.Cli.Commands;

var root = new RootCommand("Kiln: builds machine images of appliances (raw, qcow2, vmdk, vdi, vhd, vhdx, ova, tar.gz).")
{
    BuildCommand.Create(),
    FormatsCommand.Create(),
};
// Kiln handles SIGINT/SIGTERM itself (Termination): a build needs time to kill its tools and remove partial files.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
