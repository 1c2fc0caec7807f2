using System.Diagnostics;

namespace Kiln.Machines.Tests;

public sealed class QemuMachineProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Launch_returns_once_the_control_socket_answers_and_the_process_is_known_by_pid_and_start_time()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 1);
        using var qemu = await BlankMachines.StartAsync(files, 1);
        try
        {
            Assert.False(qemu.HasExited);
            Assert.Equal(qemu.StartTime, ProcessIdentity.StartTime(qemu.ProcessId));
            Assert.True(ProcessIdentity.IsSame(qemu.ProcessId, qemu.StartTime, files.Disk));
            Assert.False(ProcessIdentity.IsSame(qemu.ProcessId, qemu.StartTime + 1, files.Disk));
            // A session of its own (its session id is its pid): a Ctrl-C at Kiln's terminal does not reach it.
            var session = (await BlankMachines.RunAsync("ps", "-o", "sid=", "-p", qemu.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .StandardOutput.Trim();
            Assert.Equal(qemu.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), session);
            await using var qmp = await QmpClient.ConnectAsync(files.ControlSocket, default);
            var status = await qmp.ExecuteAsync("query-status", default);
            Assert.Equal("running", status!["status"]!.GetValue<string>());
        }
        finally
        {
            qemu.Kill();
            await BlankMachines.Within(qemu.Exited);
        }
    }

    [Fact]
    public async Task Killing_QEMU_from_outside_ends_the_process_with_the_signal_named()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 2);
        using var qemu = await BlankMachines.StartAsync(files, 2);

        await BlankMachines.RunAsync("kill", "-9", qemu.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var exit = await BlankMachines.Within(qemu.Exited);
        Assert.False(exit.Clean);
        Assert.Equal(137, exit.ExitCode);
        Assert.Contains("SIGKILL", exit.Description, StringComparison.Ordinal);
        Assert.Null(ProcessIdentity.StartTime(qemu.ProcessId));
    }

    [Fact]
    public async Task Quitting_through_the_control_socket_is_a_clean_exit()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 3);
        using var qemu = await BlankMachines.StartAsync(files, 3);

        await using (var qmp = await QmpClient.ConnectAsync(files.ControlSocket, default))
            await qmp.ExecuteAsync("quit", default);

        Assert.True((await BlankMachines.Within(qemu.Exited)).Clean);
    }

    [Fact]
    public async Task A_machine_started_earlier_is_found_again_and_its_end_is_noticed()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 4);
        using var started = await BlankMachines.StartAsync(files, 4);

        using var adopted = QemuMachineProcess.Adopt(started.ProcessId, started.StartTime, files);
        Assert.NotNull(adopted);
        Assert.False(adopted.HasExited);
        adopted.Kill();

        var exit = await BlankMachines.Within(adopted.Exited);
        Assert.Null(exit.ExitCode);
        Assert.Contains("earlier Kiln process", exit.Description, StringComparison.Ordinal);
        await BlankMachines.Within(started.Exited);
    }

    [Fact]
    public async Task A_pid_that_is_not_the_machines_QEMU_is_not_adopted()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 5);
        using var self = Process.GetCurrentProcess();
        var selfStart = ProcessIdentity.StartTime(self.Id)!.Value;

        Assert.Null(QemuMachineProcess.Adopt(self.Id, selfStart, files));
        Assert.Null(QemuMachineProcess.Adopt(self.Id, selfStart + 1, files));
        Assert.Null(QemuMachineProcess.Adopt(int.MaxValue - 1, 1, files));
    }

    [Fact]
    public async Task QEMU_that_cannot_start_fails_with_its_own_words()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 6);
        File.Delete(files.Disk);

        var error = await Assert.ThrowsAsync<MachineException>(() => BlankMachines.StartAsync(files, 6));

        Assert.Contains("while starting", error.Message, StringComparison.Ordinal);
        Assert.Contains("disk.qcow2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Power_button_pressed_on_a_guest_that_does_not_listen_leaves_QEMU_running()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 7);
        using var qemu = await BlankMachines.StartAsync(files, 7);
        try
        {
            await qemu.PowerDownAsync(default);
            await Task.Delay(1000);
            Assert.False(qemu.HasExited);
        }
        finally
        {
            qemu.Kill();
            await BlankMachines.Within(qemu.Exited);
        }
    }

    [Fact]
    public void A_machine_directory_too_deep_for_a_control_socket_is_refused_with_the_reason()
    {
        var files = new MachineFiles(_temp.Combine(new string('d', 120)), 8);

        var error = Assert.Throws<MachineException>(files.CheckSocketPath);

        Assert.Contains("107 bytes", error.Message, StringComparison.Ordinal);
    }
}

public sealed class AcceleratorTests
{
    [Fact]
    public void Auto_picks_KVM_only_when_QEMU_really_runs_with_it_and_TCG_otherwise()
    {
        var chosen = Accelerators.Choose("auto");

        // This machine has a /dev/kvm on which QEMU aborts with the host CPU model: auto must not pick it.
        var kvmRuns = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh",
            ["-c", "timeout -s KILL 2 qemu-system-x86_64 -accel kvm -cpu host -nodefaults -no-user-config -display none -m 32 2>/dev/null; [ $? -eq 137 ]"]))!;
        kvmRuns.WaitForExit();
        Assert.Equal(kvmRuns.ExitCode == 0 ? Accelerators.Kvm : Accelerators.Tcg, chosen);
    }

    [Theory]
    [InlineData("kvm", "kvm")]
    [InlineData("tcg", "tcg")]
    public void A_configured_accelerator_is_taken_as_it_is(string configured, string expected) =>
        Assert.Equal(expected, Accelerators.Choose(configured));

    [Fact]
    public void An_unknown_accelerator_is_refused_naming_the_choices() =>
        Assert.Contains("auto, kvm or tcg", Assert.Throws<ArgumentException>(() => Accelerators.Choose("hvf")).Message, StringComparison.Ordinal);
}
