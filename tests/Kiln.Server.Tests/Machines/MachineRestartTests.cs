using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>Machines outlive a Kiln process: the next one finds them again, and never shows a dead QEMU as running.</summary>
public sealed class MachineRestartTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        Kiln.Builder.Processes.LeftoverProcesses.KillAsync(_data.Path, CancellationToken.None).GetAwaiter().GetResult();
        _data.Dispose();
    }

    [Fact]
    public async Task A_machine_running_when_Kiln_stops_is_found_again_STARTED_by_the_next_Kiln_and_its_end_is_still_noticed()
    {
        long id;
        int pid;
        using (var first = new MachinesKilnOn(_data.Path))
        using (var client = Admin(first))
        {
            id = await first.CreateMachineAsync(client, (await first.BlankImageAsync()).Id);
            pid = Pid(await WaitForStateAsync(client, id, "STARTED"));
        }
        Assert.True(ProcessAlive(pid));

        using var second = new MachinesKilnOn(_data.Path);
        using var again = Admin(second);
        var found = await WaitForStateAsync(again, id, "STARTED");
        Assert.Equal(pid, Pid(found));

        using (var qemu = System.Diagnostics.Process.GetProcessById(pid))
            qemu.Kill();
        var ended = await WaitForStateAsync(again, id, "ERROR", seconds: 10);
        Assert.Contains("earlier Kiln process", Property(ended, "stateMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_whose_QEMU_died_while_Kiln_was_down_is_shown_ERROR_never_STARTED()
    {
        long id;
        int pid;
        using (var first = new MachinesKilnOn(_data.Path))
        using (var client = Admin(first))
        {
            id = await first.CreateMachineAsync(client, (await first.BlankImageAsync()).Id);
            pid = Pid(await WaitForStateAsync(client, id, "STARTED"));
        }
        using (var qemu = System.Diagnostics.Process.GetProcessById(pid))
        {
            qemu.Kill();
            await qemu.WaitForExitAsync();
        }

        using var second = new MachinesKilnOn(_data.Path);
        using var again = Admin(second);
        var machine = await MachineAsync(again, id);

        Assert.Equal("ERROR", machine.Element(Ns + "state")!.Value);
        Assert.Contains("while no Kiln process watched it", Property(machine, "stateMessage"), StringComparison.Ordinal);
        Assert.Contains("http://schemas.dmtf.org/cimi/1/action/start", Operations(machine));
    }
}
