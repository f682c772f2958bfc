#pragma once
// Cost scaling for the transportation problem (transport.hpp): Goldberg's
// push-relabel with epsilon-scaling in its bipartite "double push" form,
// then exact integer potentials. Meant for problems where every unit has an
// arc to a node with room for all (an "unplaced" node), so a solution
// always exists; returns feasible = false if it cannot finish, and
// solve_transport() then falls back to successive shortest paths.
#include "allocation/transport.hpp"

namespace caremarket::allocation {

TransportSolution solve_transport_cost_scaling(const TransportProblem& problem);

}  // namespace caremarket::allocation
