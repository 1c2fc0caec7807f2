namespace Kiln.Catalog.Tests;

public abstract partial class MachineStoreContract
{
    [Fact]
    public async Task Transition_from_an_expected_state_moves_the_machine_and_bumps_its_stamp()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        Time.Advance(TimeSpan.FromSeconds(2));

        var moved = await store.TransitionMachineAsync(
            machine.Id, [MachineState.Stopped, MachineState.Creating], MachineState.Starting, null, null, default);

        Assert.NotNull(moved);
        Assert.True(moved.Applied);
        var expected = machine with { State = MachineState.Starting, Stamp = StampNow(machine.Stamp) };
        AssertSameMachine(expected, moved.Machine);
        AssertSameMachine(expected, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Transition_from_a_state_the_machine_is_not_in_changes_nothing()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var started = (await store.TransitionMachineAsync(
            machine.Id, [MachineState.Creating], MachineState.Started, "booted", Process(), default))!.Machine;
        Time.Advance(TimeSpan.FromSeconds(2));

        var refused = await store.TransitionMachineAsync(
            machine.Id, [MachineState.Stopped, MachineState.Error], MachineState.Starting, "again", Process(99), default);

        Assert.NotNull(refused);
        Assert.False(refused.Applied);
        AssertSameMachine(started, refused.Machine);
        AssertSameMachine(started, await store.GetMachineByIdAsync(machine.Id, default));
    }

    [Fact]
    public async Task Transition_with_no_expected_state_changes_nothing()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        var refused = await store.TransitionMachineAsync(machine.Id, [], MachineState.Error, "never", null, default);

        Assert.False(refused!.Applied);
        AssertSameMachine(machine, refused.Machine);
    }

    [Fact]
    public async Task Transition_of_an_unknown_machine_returns_null()
    {
        var store = NewStore();

        Assert.Null(await store.TransitionMachineAsync(4242, [MachineState.Creating], MachineState.Starting, null, null, default));
        Assert.Empty(await store.ListAllMachinesAsync(default));
    }

    [Fact]
    public async Task Transition_records_the_process_and_message_and_a_later_one_replaces_or_clears_them()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        Time.Advance(TimeSpan.FromSeconds(1));

        var started = await store.TransitionMachineAsync(
            machine.Id, [MachineState.Creating], MachineState.Started, "started by alice", Process(1001), default);

        var afterStart = machine with
        {
            State = MachineState.Started, StateMessage = "started by alice", Process = Process(1001), Stamp = StampNow(machine.Stamp),
        };
        AssertSameMachine(afterStart, started!.Machine);
        AssertSameMachine(afterStart, await store.GetMachineAsync(Alice, machine.Id, default));

        Time.Advance(TimeSpan.FromSeconds(1));
        var crashed = await store.TransitionMachineAsync(
            machine.Id, [MachineState.Started], MachineState.Error, "qemu exited with code 1", null, default);

        var afterCrash = afterStart with
        {
            State = MachineState.Error, StateMessage = "qemu exited with code 1", Process = null, Stamp = StampNow(afterStart.Stamp),
        };
        AssertSameMachine(afterCrash, crashed!.Machine);

        Time.Advance(TimeSpan.FromSeconds(1));
        var stopped = await store.TransitionMachineAsync(machine.Id, [MachineState.Error], MachineState.Stopped, null, null, default);

        AssertSameMachine(afterCrash with { State = MachineState.Stopped, StateMessage = null, Stamp = StampNow(afterCrash.Stamp) },
            stopped!.Machine);
        AssertSameMachine(stopped.Machine, await store.GetMachineByIdAsync(machine.Id, default));
    }

    [Fact]
    public async Task Transition_to_the_state_the_machine_is_in_is_a_change_when_that_state_is_expected()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var started = (await store.TransitionMachineAsync(
            machine.Id, [MachineState.Creating], MachineState.Started, null, Process(1), default))!.Machine;
        Time.Advance(TimeSpan.FromSeconds(1));

        // A supervisor that found the process again after a restart records its new identity.
        var again = await store.TransitionMachineAsync(machine.Id, [MachineState.Started], MachineState.Started, null, Process(2), default);

        Assert.True(again!.Applied);
        AssertSameMachine(started with { Process = Process(2), Stamp = StampNow(started.Stamp) }, again.Machine);
    }

    [Fact]
    public async Task Transition_works_for_any_owners_machine_and_keeps_its_label_image_and_hardware()
    {
        var store = NewStore();
        var bobs = await store.CreateMachineAsync(NewMachine(Bob, "bobs"), default);

        var moved = await store.TransitionMachineAsync(bobs.Id, [MachineState.Creating], MachineState.Capturing, null, null, default);

        Assert.True(moved!.Applied);
        Assert.Equal(Bob, moved.Machine.Owner);
        AssertSameLabel(bobs.Label, moved.Machine.Label);
        Assert.Equal(bobs.ImageId, moved.Machine.ImageId);
        Assert.Equal(bobs.Hardware, moved.Machine.Hardware);
        Assert.Equal(MachineState.Capturing, (await store.GetMachineAsync(Bob, bobs.Id, default))!.State);
    }

    [Theory]
    [InlineData(MachineState.Creating)]
    [InlineData(MachineState.Starting)]
    [InlineData(MachineState.Started)]
    [InlineData(MachineState.Stopping)]
    [InlineData(MachineState.Stopped)]
    [InlineData(MachineState.Capturing)]
    [InlineData(MachineState.Deleting)]
    [InlineData(MachineState.Error)]
    public async Task Every_state_is_kept_and_can_be_left(MachineState state)
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        var entered = await store.TransitionMachineAsync(machine.Id, [MachineState.Creating], state, null, null, default);
        var left = await store.TransitionMachineAsync(machine.Id, [state], MachineState.Deleting, null, null, default);

        Assert.True(entered!.Applied);
        Assert.Equal(state, entered.Machine.State);
        Assert.True(left!.Applied);
        Assert.Equal(MachineState.Deleting, (await store.GetMachineByIdAsync(machine.Id, default))!.State);
    }

    [Fact]
    public async Task Of_concurrent_transitions_from_the_same_state_exactly_one_wins()
    {
        const int Attempts = 20;
        var store = NewStore();

        for (var round = 0; round < 5; round++)
        {
            var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

            var results = await RaceAsync(Attempts, i => store.TransitionMachineAsync(
                machine.Id, [MachineState.Creating], MachineState.Starting, "attempt " + i, Process(1000 + i), default));

            var winner = Assert.Single(results, r => r!.Applied)!.Machine;
            Assert.Equal(MachineState.Starting, winner.State);
            Assert.Equal(2, winner.Stamp.Revision);
            // The losers saw the winner's move, not a state of their own making.
            Assert.All(results.Where(r => !r!.Applied), r => AssertSameMachine(winner, r!.Machine));
            AssertSameMachine(winner, await store.GetMachineByIdAsync(machine.Id, default));
        }
    }
}
